/**
 * In-process micro-benchmark of the storage work of a first import (issue 16): per 500-record page, the
 * candidate index upsert, the customers insert and the run's progress, in one transaction, on a temporary
 * SQLite file, with the emulator's sample customers read in 4 interleaved stripes as the import reads them.
 * `npx tsx server/bench/storage-import.bench.ts [records] [pagesPerTransaction]`.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { identityKey } from "@front-agent/shared";
import BetterSqlite3 from "better-sqlite3";
import { uuidv7 } from "../src/ids.ts";
import { openStorage } from "../src/storage/index.ts";
import { SQLITE_FILE_NAME } from "../src/storage/sqlite.ts";

const size = Number(process.argv[2] ?? 100_000);
const group = Number(process.argv[3] ?? 1);
const STRIPES = 4;
const PAGE = 500;
const tenantId = "0193f3a0-1111-7000-8000-000000000001";
const appId = "14";

// Shaped like the emulator's sample customers (emulator/src/seed/samples.ts): 900 names numbered once they
// run out, 20 companies in 6 legal forms, a few records without a name or company.
const SURNAMES =
  "佐藤 鈴木 高橋 田中 伊藤 渡辺 山本 中村 小林 加藤 吉田 山田 佐々木 山口 松本 井上 木村 林 斎藤 清水 山崎 森 池田 橋本 阿部 石川 山下 中島 石井 小川".split(
    " ",
  );
const GIVEN =
  "太郎 花子 一郎 美咲 健太 陽子 翔太 由美 大輔 恵 拓也 さくら 誠 愛 直樹 千尋 亮 優子 剛 真由美 隆 彩 浩二 舞 修 結衣 聡 奈々 学 葵".split(
    " ",
  );
const BASES =
  "サンプル ミライ商事 東海精機 北斗システム さくら物産 青葉製作所 富士ロジスティクス みなと電機 ひかり通信 大和建設 アルファテック なごみフーズ 朝日化学 ソラ不動産 中央メディカル グリーンエナジー リバー工業 かえでデザイン 白山ソフト 新星トレーディング".split(
    " ",
  );
const FORMS = ["株式会社{}", "{}株式会社", "(株){}", "㈱{}", "有限会社{}", "{}合同会社"];
let seed = 1;
const rand = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 2 ** 32;
};
const pick = (list: string[]) => list[Math.floor(rand() * list.length)] ?? "";
const samples = Array.from({ length: size }, (_, i) => {
  const person = `${SURNAMES[i % 30]} ${GIVEN[Math.floor(i / 30) % 30]}`;
  const name = i < 900 ? person : `${person}（${Math.floor(i / 900) + 1}）`;
  const kind = i % 50;
  const n = String(i + 1).padStart(5, "0");
  const v = (value: string) => ({ value });
  return {
    顧客名: v(kind === 7 || kind === 33 ? "" : name),
    会社名: v(kind === 13 || kind === 33 ? "" : pick(FORMS).replace("{}", pick(BASES))),
    部署名: v(pick(["営業部", "総務部", "経営企画室", "情報システム部", "購買部", ""])),
    メールアドレス: v(`customer${n}@example.com`),
    電話番号: v(`03-${n.slice(0, 4)}-${String(1000 + (i % 9000))}`),
    住所: v(
      pick(["東京都千代田区丸の内1-1-1", "大阪府大阪市北区梅田2-2-2", "愛知県名古屋市中村区名駅3-3-3"]),
    ),
  } as Record<string, { value: unknown }>;
});
const perStripe = Math.ceil(size / STRIPES);
const stripePages: number[][][] = [];
for (let s = 0; s < STRIPES; s++) {
  const pages: number[][] = [];
  for (let from = s * perStripe; from < Math.min(size, (s + 1) * perStripe); from += PAGE)
    pages.push(
      Array.from({ length: Math.min(PAGE, (s + 1) * perStripe - from, size - from) }, (_, k) => from + k),
    );
  stripePages.push(pages);
}
const order: number[][] = [];
for (let p = 0; ; p++) {
  let any = false;
  for (const pages of stripePages) {
    const page = pages[p];
    if (page) {
      order.push(page);
      any = true;
    }
  }
  if (!any) break;
}

const value = (r: Record<string, { value: unknown }>, code: string) => String(r[code]?.value ?? "");
const dataDir = mkdtempSync(join(tmpdir(), "fa-storage-bench-"));
// BENCH_SQL: statements run on the migrated file before the import (to try a schema change).
if (process.env.BENCH_SQL) {
  await (await openStorage({ dataDir })).close();
  const file = new BetterSqlite3(join(dataDir, SQLITE_FILE_NAME));
  file.exec(process.env.BENCH_SQL);
  file.close();
}
const storage = await openStorage({ dataDir });
await storage.tenants.create({
  id: tenantId,
  name: "bench",
  connectionKeyHash: "ck",
  serviceTokenHash: "st",
  webhookSecretEnc: "ws",
  createdAt: "2026-01-01T00:00:00.000Z",
});
const runId = uuidv7();
await storage.runs.create({ id: runId, tenantId, kind: "initial", startedAt: "2026-01-01T00:00:00.000Z" });
const now = "2026-01-01T00:00:01.000Z";
const t = { index: 0, customers: 0, progress: 0, commit: 0 };
const started = performance.now();
let read = 0;
for (let i = 0; i < order.length; i += group) {
  const pages = order.slice(i, i + group);
  let inner = 0;
  await storage.transaction(async (tx) => {
    for (const page of pages) {
      const a = performance.now();
      await tx.candidateIndex.put(
        tenantId,
        appId,
        page.map((n) => {
          const r = samples[n] as Record<string, { value: unknown }>;
          return {
            recordId: String(n + 1),
            recordNumber: `C-${n + 1}`,
            name: value(r, "顧客名"),
            company: value(r, "会社名"),
          };
        }),
        runId,
      );
      const b = performance.now();
      await tx.customers.applyImportBatch(tenantId, {
        creates: page.map((n) => {
          const r = samples[n] as Record<string, { value: unknown }>;
          const name = value(r, "顧客名");
          const company = value(r, "会社名");
          return {
            id: uuidv7(),
            name,
            company,
            department: value(r, "部署名"),
            email: value(r, "メールアドレス"),
            phone: value(r, "電話番号"),
            address: value(r, "住所"),
            identityKey: identityKey(name, company),
            kintone: { appId, recordId: String(n + 1), recordNumber: `C-${n + 1}`, revision: "1" },
            createdAt: now,
          };
        }),
        updates: [],
      });
      const c = performance.now();
      read += page.length;
      await tx.runs.progress(tenantId, runId, {
        read,
        created: read,
        updated: 0,
        skipped: 0,
        failed: 0,
        kintoneRequests: 0,
        resume: { stripes: [{ from: 1, to: 2, after: read }] },
      });
      const d = performance.now();
      t.index += b - a;
      t.customers += c - b;
      t.progress += d - c;
      inner += d - a;
    }
  });
  t.commit -= inner;
}
const total = performance.now() - started;
t.commit += total;
const file = statSync(join(dataDir, SQLITE_FILE_NAME)).size;
const found = await storage.candidateIndex.findByKeys(
  tenantId,
  appId,
  { nameKeys: ["佐藤太郎"], companyKeys: [] },
  10,
);
await storage.close();
if (process.env.BENCH_KEEP) console.log(dataDir);
else rmSync(dataDir, { recursive: true, force: true });
const ms = (x: number) => `${(x / 1000).toFixed(2)} s`;
console.log(
  `${size} records, ${group} page(s)/tx: total ${ms(total)} (index ${ms(t.index)}, customers ${ms(t.customers)}, progress ${ms(t.progress)}, commit+rest ${ms(t.commit)}); file ${(file / 1e6).toFixed(1)} MB; check ${found.length}`,
);
