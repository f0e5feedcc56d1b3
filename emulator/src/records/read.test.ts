/**
 * The read path's fast ways (walking the `$id` index from a bound and stopping at a full page, counting
 * without a scan, keeping the best `offset + limit` instead of sorting) must answer exactly what the
 * general definition answers: every record filtered by matches(), sorted by compare(), then offset and
 * limit. Random queries over a seeded app with gaps in its ids compare the two.
 */
import { describe, expect, test } from "vitest";
import type { AppState } from "../model/app.ts";
import { Journal } from "../model/journal.ts";
import type { KintoneRecord } from "../model/kintone-types.ts";
import { ctx, rec } from "../query/fixtures.ts";
import { type CompiledQuery, compileQuery } from "../query/index.ts";
import { pick, prng, seededApp, TITLES } from "./fixtures.ts";
import { DEFAULT_LIMIT, FILTER_ABORT_HITS, matchAll, readPage } from "./read.ts";

function randomCondition(rand: () => number, maxId: number): string {
  const n = () => Math.floor(rand() * (maxId + 10)) - 5;
  const leaves = [
    () => `$id ${pick(rand, [">", ">=", "<", "<=", "="])} ${n()}`,
    () => `$id ${pick(rand, [">", "<="])} "${n()}"`,
    () => `レコード番号 ${pick(rand, [">", "<"])} ${n()}`,
    () => `amount ${pick(rand, [">", "<=", "=", "!="])} ${Math.floor(rand() * 20) - 5}`,
    () =>
      `title ${pick(rand, ["=", "!="])} "${pick(rand, TITLES).replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`,
    () => `title in ("x", "Tokyo")`,
    () => `drop not in ("A")`,
    () => `day < "2024-05-${String(1 + Math.floor(rand() * 28)).padStart(2, "0")}"`,
    () => `更新日時 >= "2024-05-0${1 + Math.floor(rand() * 9)}T00:00:00Z"`,
    () => `qty >= ${Math.floor(rand() * 5)}`,
    () => `memo is empty`,
  ];
  const leaf = () => pick(rand, leaves)();
  const shape = Math.floor(rand() * 6);
  if (shape === 0) return "";
  if (shape === 1) return leaf();
  if (shape === 2) return `${leaf()} and ${leaf()}`;
  if (shape === 3) return `(${leaf()} or ${leaf()}) and ${leaf()}`;
  if (shape === 4) return `(${leaf()}) and $id > ${n()} and $id <= ${n()}`;
  return `${leaf()} or ${leaf()}`;
}

const ORDERS = [
  "",
  "order by $id asc",
  "order by $id desc",
  "order by $id",
  "order by レコード番号 asc",
  "order by amount desc, $id asc",
  "order by 更新日時 desc, $id desc",
  "order by title asc",
  "order by drop asc, amount asc",
  "order by $id desc, amount asc",
  "order by 更新日時 desc, title asc",
  "order by day asc, 更新日時 asc, amount desc",
];

function randomQuery(rand: () => number, maxId: number): string {
  const parts = [randomCondition(rand, maxId), pick(rand, ORDERS)];
  if (rand() < 0.8) parts.push(`limit ${pick(rand, [0, 1, 7, 100, 500])}`);
  if (rand() < 0.5) parts.push(`offset ${pick(rand, [0, 1, 3, 50, 400])}`);
  return parts.filter((p) => p !== "").join(" ");
}

function allRecords(app: AppState): KintoneRecord[] {
  return [...app.records.ascending()].map((id) => app.records.get(id) as KintoneRecord);
}

/** The definition: filter, sort, offset, limit; counted over every match. */
function reference(app: AppState, q: CompiledQuery, wantTotal: boolean) {
  const matched = allRecords(app)
    .filter((r) => q.matches(r))
    .sort((a, b) => q.compare(a, b));
  const offset = q.offset ?? 0;
  return {
    records: matched.slice(offset, offset + (q.limit ?? DEFAULT_LIMIT)),
    totalCount: wantTotal ? String(matched.length) : null,
    filterAborted: (wantTotal || q.idOrder === null) && matched.length >= FILTER_ABORT_HITS,
    all: matched,
  };
}

const ids = (records: KintoneRecord[]) => records.map((r) => Number(r.$id?.value));

describe("readPage and matchAll answer what filter + sort + slice answer", () => {
  const app = seededApp(700, 13);
  const rand = prng(42);
  const queries = Array.from({ length: 600 }, () => randomQuery(rand, 700));

  test.each(queries.map((q, i) => [i, q]))("query %i: %s", (_i, query) => {
    const q = compileQuery(query, ctx());
    for (const wantTotal of [false, true]) {
      const expected = reference(app, q, wantTotal);
      const page = readPage(app, q, wantTotal);
      expect(ids(page.records)).toEqual(ids(expected.records));
      expect(page.totalCount).toBe(expected.totalCount);
      expect(page.filterAborted).toBe(expected.filterAborted);
    }
    if (q.limit === null && q.offset === null)
      expect(ids(matchAll(app, q))).toEqual(ids(reference(app, q, true).all));
  });

  test("the official client's seek pages read every record once, in order", () => {
    const seen: number[] = [];
    let after = 0;
    for (;;) {
      const page = readPage(app, compileQuery(`$id > ${after} order by $id asc limit 500`, ctx()), false);
      seen.push(...ids(page.records));
      if (page.records.length < 500) break;
      after = seen.at(-1) as number;
    }
    expect(seen).toEqual(ids(allRecords(app)));
  });
});

describe("top(records, k) is the stable sort's first k", () => {
  const app = seededApp(400, 7);
  const records = allRecords(app).reverse();
  test.each(ORDERS.filter((o) => o !== ""))("%s", (order) => {
    const q = compileQuery(order, ctx());
    const sorted = q.sort(records);
    for (const k of [0, 1, 2, 17, 250, 399, 400, 1000]) expect(q.top(records, k)).toEqual(sorted.slice(0, k));
  });
});

describe("scans see every write (the table's columns of decoded values are dropped by writes)", () => {
  test("queries between replacements, additions, removals and rollbacks", () => {
    const app = seededApp(300, 21);
    const rand = prng(8);
    const queries = [
      "amount > 3 order by amount desc, $id asc limit 20",
      '更新日時 >= "2024-05-05T00:00:00Z" order by 更新日時 desc, $id desc limit 50 offset 10',
      'amount >= 0 and day < "2024-05-15" order by $id desc limit 30',
      "amount in (1, 2, 3) order by day asc limit 40",
    ];
    const check = () => {
      for (const query of queries) {
        const q = compileQuery(query, ctx());
        const expected = reference(app, q, true);
        const page = readPage(app, q, true);
        expect(ids(page.records), query).toEqual(ids(expected.records));
        expect(page.totalCount, query).toBe(expected.totalCount);
      }
    };
    for (let round = 0; round < 30; round++) {
      check();
      const journal = new Journal();
      const all = allRecords(app);
      const target = all[Math.floor(rand() * all.length)] as KintoneRecord;
      const action = rand();
      if (action < 0.6) {
        app.records.replace(
          {
            ...target,
            amount: { type: "NUMBER", value: String(Math.floor(rand() * 10)) },
            更新日時: {
              type: "UPDATED_TIME",
              value: `2024-05-${String(1 + Math.floor(rand() * 9)).padStart(2, "0")}T00:00:00Z`,
            },
          },
          journal,
        );
      } else if (action < 0.8) {
        app.records.insert(
          rec(app.records.takeId(), { amount: String(Math.floor(rand() * 10)), day: "2024-05-02" }),
          journal,
        );
      } else {
        app.records.remove(Number(target.$id?.value), journal);
      }
      check();
      if (rand() < 0.3) journal.rollback();
    }
    check();
  });
});
