/**
 * How fast the emulator answers a 500-record page, so it is never the bottleneck of the import benchmarks.
 * The emulator runs in its own process (as in the benchmarks), seeded with the template's customer app;
 * this process times HTTP round trips including JSON parsing. Run: `pnpm bench` (or `pnpm --filter
 * @front-agent/kintone-emulator bench`). Goal: a 500-record page well under 50 ms.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const root = fileURLToPath(new URL("../..", import.meta.url));

const seedStarted = performance.now();
const proc = spawn(
  process.execPath,
  ["--import", "tsx", "emulator/src/cli.ts", "--seed", "template", "--customers", String(RECORDS)],
  {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
  },
);
const [line] = (await once(createInterface({ input: proc.stdout }), "line")) as [string];
const seedMs = performance.now() - seedStarted;
const out = JSON.parse(line) as { url: string; apps: { customer: { appId: string; apiToken: string } } };
const { appId, apiToken } = out.apps.customer;

async function page(query: string): Promise<{ ms: number; count: number }> {
  const started = performance.now();
  const res = await fetch(`${out.url}/k/v1/records.json?${new URLSearchParams({ app: appId, query })}`, {
    headers: { "X-Cybozu-API-Token": apiToken },
  });
  const body = (await res.json()) as { records: unknown[] };
  if (!res.ok) throw new Error(`${res.status} ${JSON.stringify(body)}`);
  return { ms: performance.now() - started, count: body.records.length };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const cases: Array<[string, (i: number) => string]> = [
  ["$id seek, first page", () => "$id > 0 order by $id asc limit 500"],
  ["$id seek, middle page", () => `$id > ${Math.floor(RECORDS / 2)} order by $id asc limit 500`],
  ["$id seek, random pages", (i) => `$id > ${(i * 7919) % (RECORDS - 500)} order by $id asc limit 500`],
  [
    "updated-since + $id seek",
    (i) =>
      `(更新日時 >= "2000-01-01T00:00:00Z") and $id > ${(i * 7919) % (RECORDS - 500)} order by $id asc limit 500`,
  ],
  ["order by 更新日時 desc (sorts all)", () => "order by 更新日時 desc limit 500"],
];

console.log(
  `emulator page benchmark: ${RECORDS.toLocaleString()} customer records, seeded and started in ${(seedMs / 1000).toFixed(1)} s`,
);
console.log(
  "round trip = HTTP request to parsed JSON in this process; emulator = its own handling time (request log)",
);
console.log(
  "case                                   records   round trip p50/p95/max ms   emulator p50/p95/max ms",
);
const control = `${out.url}/__emulator`;
for (const [name, query] of cases) {
  await page(query(0)); // warm-up
  await fetch(`${control}/stats`, { method: "DELETE" });
  const times: number[] = [];
  let count = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const r = await page(query(i + 1));
    times.push(r.ms);
    count = r.count;
  }
  times.sort((a, b) => a - b);
  const log = (await (await fetch(`${control}/requests?path=/k/v1/records.json`)).json()) as {
    requests: Array<{ durationMs: number }>;
  };
  const served = log.requests.map((r) => r.durationMs).sort((a, b) => a - b);
  console.log(
    `${name.padEnd(38)} ${String(count).padStart(7)}   ${triple(times).padStart(24)}   ${triple(served).padStart(22)}`,
  );
}

function triple(sorted: number[]): string {
  return [percentile(sorted, 50), percentile(sorted, 95), sorted.at(-1) ?? Number.NaN]
    .map((x) => x.toFixed(1))
    .join(" / ");
}
proc.kill("SIGTERM");
await once(proc, "exit");
