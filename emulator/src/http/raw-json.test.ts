/**
 * recordsBody writes pages from each record's cached UTF-8 JSON, cut by member for a `fields` list. It
 * must give, byte for byte, what `JSON.stringify({records: records.map((r) => project(r, fields)), …})`
 * gives — including the odd cases of project(): codes listed twice, unknown or inherited codes,
 * `__proto__`, and an empty list (whole records).
 */
import { describe, expect, test } from "vitest";
import { AppState } from "../model/app.ts";
import { Clock } from "../model/clock.ts";
import { Journal } from "../model/journal.ts";
import type { KintoneRecord } from "../model/kintone-types.ts";
import { FORM, rec } from "../query/fixtures.ts";
import { prng } from "../records/fixtures.ts";
import { project } from "../records/read.ts";
import { recordsBody } from "./raw-json.ts";

const TEXTS = [
  "",
  "plain",
  '引用符 " と \\ バックスラッシュ',
  '{not: [an, object]}, "x":1',
  "改行\nタブ\t制御\u0001",
  "絵文字 😀 と結合文字 が",
  "lone \ud800 surrogate",
  "x".repeat(30_000), // longer than a slab's share: encoded on its own
];

function storedRecords(count: number): { app: AppState; records: KintoneRecord[] } {
  const rand = prng(99);
  const text = () => TEXTS[Math.floor(rand() * TEXTS.length)] as string;
  const app = new AppState({ id: 1, name: "t", properties: FORM }, new Clock());
  const journal = new Journal();
  for (let id = 1; id <= count; id++) {
    app.records.insert(
      rec(id, {
        title: text(),
        memo: text(),
        amount: String(id),
        users: rand() < 0.5 ? [] : ["sato", text()],
        files: rand() < 0.5 ? [] : [text()],
        items: Array.from({ length: Math.floor(rand() * 3) }, () => ({
          item_name: text(),
          item_memo: text(),
        })),
      }),
      journal,
    );
  }
  const records = [...app.records.ascending()].map((id) => app.records.get(id) as KintoneRecord);
  return { app, records };
}

const CODES = Object.keys(FORM).concat(["$id", "$revision", "nope", "constructor", "toString", "__proto__"]);

function expected(records: KintoneRecord[], fields: string[] | null, tail: Record<string, unknown>): string {
  return JSON.stringify({ records: records.map((r) => project(r, fields)), ...tail });
}

describe("recordsBody is JSON.stringify of the projected records", () => {
  const { app, records } = storedRecords(60);
  const rand = prng(5);
  const lists: Array<string[] | null> = [
    null,
    [],
    ["$id"],
    ["items", "$id", "items"],
    ["nope"],
    ["__proto__"],
  ];
  for (let i = 0; i < 60; i++) {
    lists.push(
      Array.from(
        { length: 1 + Math.floor(rand() * 12) },
        () => CODES[Math.floor(rand() * CODES.length)] as string,
      ),
    );
  }

  test.each(lists.map((l) => [JSON.stringify(l), l]))("fields %s", (_name, fields) => {
    for (const pass of ["first", "cached"]) {
      const body = recordsBody(app.records, records, fields, '"totalCount":null');
      expect(body.text, pass).toBe(expected(records, fields, { totalCount: null }));
    }
    expect(recordsBody(app.records, records.slice(3, 9), fields, '"next":true').text).toBe(
      expected(records.slice(3, 9), fields, { next: true }),
    );
  });

  test("members project() leaves out: a null value, an undefined one (JSON.stringify drops it too)", () => {
    const odd = [
      { ...records[0], title: null, memo: undefined },
      { ...records[1], amount: null },
    ] as unknown as KintoneRecord[];
    const table = storedRecords(0).app.records;
    const journal = new Journal();
    for (const r of odd) table.insert(r, journal);
    for (const fields of [null, ["title", "memo", "amount", "$id"], ["amount"]]) {
      expect(recordsBody(table, odd, fields, '"next":false').text).toBe(
        expected(odd, fields, { next: false }),
      );
    }
  });

  test("no records", () => {
    expect(recordsBody(app.records, [], ["$id"], '"totalCount":"0"').text).toBe(
      '{"records":[],"totalCount":"0"}',
    );
  });
});

describe("the cache follows writes", () => {
  test("a replaced record is served as it is now, and a rollback serves the old one again", () => {
    const { app } = storedRecords(3);
    const before = app.records.get(2) as KintoneRecord;
    const body = () =>
      recordsBody(app.records, [app.records.get(2) as KintoneRecord], ["title"], '"next":false').text;
    expect(body()).toBe(expected([before], ["title"], { next: false }));
    const journal = new Journal();
    app.records.replace({ ...before, title: { type: "SINGLE_LINE_TEXT", value: "changed" } }, journal);
    expect(body()).toContain('"changed"');
    journal.rollback();
    expect(body()).toBe(expected([before], ["title"], { next: false }));
  });

  test("a record the table does not hold (any more) is served as it is", () => {
    const { app } = storedRecords(3);
    const removed = app.records.get(1) as KintoneRecord;
    app.records.remove(1, new Journal());
    const other = { ...removed, title: { type: "SINGLE_LINE_TEXT", value: "elsewhere" } } as KintoneRecord;
    expect(recordsBody(app.records, [other], null, '"next":false').text).toBe(
      expected([other], null, { next: false }),
    );
  });
});
