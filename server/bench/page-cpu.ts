/**
 * The import's JavaScript CPU per record page, in process (issue 16): decoding a records.json answer and
 * turning its records into what the storage receives (applyPage against a repository that stores nothing,
 * `indexed()` for the candidate index). Pages are captured once from the emulator's template app (kept in
 * /tmp/page-cpu-pages.json), then replayed as 100,000 records. `npx tsx server/bench/page-cpu.ts [rounds]`
 * (ONLY=name,… picks cases); figures are ms per 100k records. tsx keeps function names by wrapping every closure (esbuild's keepNames), which
 * the production bundle does not: for closure-heavy code, bundle this file as build.mjs does and run that,
 * from server/:
 *   npx esbuild bench/page-cpu.ts --bundle --platform=node --format=esm --external:better-sqlite3 \
 *     --outfile=node_modules/.page-cpu/b.mjs \
 *     "--banner:js=import { createRequire as r } from 'node:module'; const require = r(import.meta.url);" \
 *     && node node_modules/.page-cpu/b.mjs 5
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import { identityKey, recordIdentity, recordToCustomer, TEMPLATE_CUSTOMER_FIELDS } from "@front-agent/shared";
import { uuidv7 } from "../src/ids.ts";
import type { KintoneRecordJson } from "../src/kintone/gateway.ts";
import { parseJsonBody } from "../src/kintone/records-json.ts";
import { indexed } from "../src/services/candidate-index.ts";
import { applyPage } from "../src/services/import/apply-page.ts";
import { fieldsToRead } from "../src/services/import/plan.ts";
import type { CustomerRepository } from "../src/storage/index.ts";
import { startEmulator } from "./bench-support.ts";

const CACHE = "/tmp/page-cpu-pages.json";
const mapping = { ...TEMPLATE_CUSTOMER_FIELDS };

async function capture(): Promise<Buffer[][]> {
  if (existsSync(CACHE))
    return (JSON.parse(readFileSync(CACHE, "utf8")) as string[][]).map((p) =>
      p.map((c) => Buffer.from(c, "base64")),
    );
  const emu = await startEmulator(5000);
  const get = (path: string) =>
    new Promise<Buffer[]>((resolve, reject) => {
      http.get(`${emu.url}${path}`, { headers: { "X-Cybozu-API-Token": emu.customer.apiToken } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve(chunks));
        res.on("error", reject);
      });
    });
  const app = emu.customer.appId;
  const form = JSON.parse(Buffer.concat(await get(`/k/v1/app/form/fields.json?app=${app}`)).toString());
  const fields = fieldsToRead(form.properties, mapping);
  const pages: Buffer[][] = [];
  for (let i = 0; i < 10; i++) {
    const q = new URLSearchParams({ app, query: `$id > ${i * 500} order by $id asc limit 500` });
    for (const [j, f] of fields.entries()) q.set(`fields[${j}]`, f);
    pages.push(await get(`/k/v1/records.json?${q}`));
  }
  await emu.stop();
  writeFileSync(CACHE, JSON.stringify(pages.map((p) => p.map((c) => c.toString("base64")))));
  return pages;
}

const pages = await capture();
const PAGES = 200; // 100,000 records
const rounds = Number(process.argv[2] ?? 5);

const noStorage = {
  findByLinks: async () => new Map(),
  findUnlinkedByIdentityKeys: async () => new Map(),
  applyImportBatch: async (_t: string, b: { creates: unknown[]; updates: unknown[] }) => ({
    created: b.creates.length,
    updated: b.updates.length,
  }),
} as unknown as CustomerRepository;

const parsed: KintoneRecordJson[][] = pages.map(
  (p) => (JSON.parse(Buffer.concat(p).toString("utf8")) as { records: KintoneRecordJson[] }).records,
);

const cases: Record<string, () => Promise<unknown> | unknown> = {
  "concat+toString": () => {
    for (let i = 0; i < PAGES; i++) Buffer.concat(pages[i % 10] as Buffer[]).toString("utf8");
  },
  "concat+toString+parse": () => {
    for (let i = 0; i < PAGES; i++) JSON.parse(Buffer.concat(pages[i % 10] as Buffer[]).toString("utf8"));
  },
  "concat+parseJsonBody": () => {
    for (let i = 0; i < PAGES; i++) parseJsonBody(Buffer.concat(pages[i % 10] as Buffer[]));
  },
  recordIdentity: () => {
    for (let i = 0; i < PAGES; i++)
      for (const r of parsed[i % 10] as KintoneRecordJson[]) recordIdentity(r, mapping);
  },
  recordToCustomer: () => {
    for (let i = 0; i < PAGES; i++)
      for (const r of parsed[i % 10] as KintoneRecordJson[]) recordToCustomer(r, mapping);
  },
  identityKey: () => {
    for (let i = 0; i < PAGES; i++)
      for (const r of parsed[i % 10] as KintoneRecordJson[])
        identityKey(String(r["顧客名"]?.value), String(r["会社名"]?.value));
  },
  uuidv7: () => {
    for (let i = 0; i < PAGES * 500; i++) uuidv7();
  },
  indexed: () => {
    for (let i = 0; i < PAGES; i++) indexed(parsed[i % 10] as KintoneRecordJson[], { fields: mapping });
  },
  "applyPage (first import)": async () => {
    for (let i = 0; i < PAGES; i++)
      await applyPage({
        customers: noStorage,
        tenantId: "t",
        appId: "1",
        records: parsed[i % 10] as KintoneRecordJson[],
        mapping,
        now: new Date().toISOString(),
        emptyDirectory: true,
      });
  },
};

const only = process.env.ONLY?.split(",");
const results: Record<string, number[]> = {};
for (let round = 0; round < rounds; round++) {
  for (const [name, fn] of Object.entries(cases)) {
    if (only && !only.some((o) => name.includes(o))) continue;
    const started = performance.now();
    await fn();
    const times = results[name] ?? [];
    times.push(performance.now() - started);
    results[name] = times;
  }
}
for (const [name, times] of Object.entries(results)) {
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    `${name.padEnd(32)} median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(0)} ms  min ${sorted[0]?.toFixed(0)} ms`,
  );
}
