import { describe, expect, test } from "vitest";
import { ctx, idOf, rec, run, thrown } from "./fixtures.ts";
import { compileQuery } from "./index.ts";

const records = [
  rec(1, { amount: "10", title: "banana", day: "2024-05-03", drop: "A", 作成者: "b", time: "10:00" }),
  rec(2, { amount: "2", title: "Apple", day: "2024-05-01", drop: "B", 作成者: "a", time: "09:00" }),
  rec(3, { amount: "10", title: "apple", day: null, drop: null, 作成者: "c", time: null }),
  rec(4, { amount: "", title: "cherry", day: "2024-05-02", drop: "C", 作成者: "a", time: "23:59" }),
  rec(5, { amount: "2", title: "apple", day: "2024-05-01", drop: "A", 作成者: "b", time: "00:00" }),
];

const ROWS: [string, string, number[]][] = [
  ["no order by is $id desc (kintone's default)", "", [5, 4, 3, 2, 1]],
  ["$id asc", "order by $id asc", [1, 2, 3, 4, 5]],
  ["numbers sort numerically; ties fall back to $id desc", "order by amount asc", [4, 5, 2, 3, 1]],
  ["unset sorts last descending", "order by amount desc", [3, 1, 5, 2, 4]],
  ["no direction means desc", "order by amount", [3, 1, 5, 2, 4]],
  ["several keys", "order by amount desc, title asc", [3, 1, 2, 5, 4]],
  ["text sorts by code unit (upper case first)", "order by title asc", [2, 5, 3, 1, 4]],
  ["dates, unset first ascending", "order by day asc", [3, 5, 2, 4, 1]],
  ["times", "order by time desc", [4, 1, 2, 5, 3]],
  ["drop-down sorts in option order (B, A, C), unset first", "order by drop asc", [3, 2, 5, 1, 4]],
  ["CREATOR sorts by code", "order by 作成者 asc, $id asc", [2, 4, 1, 5, 3]],
  ["keywords are case-insensitive", "ORDER BY amount ASC, $id ASC", [4, 2, 5, 1, 3]],
  ["limit and offset apply after sorting", "order by $id asc limit 2 offset 1", [2, 3]],
  ["with a condition", "amount = 2 order by title desc", [5, 2]],
];

describe("order by", () => {
  test.each(ROWS)("%s", (_name, query, expected) => {
    expect(run(query, records)).toEqual(expected);
  });

  test.each(ROWS)("sort() agrees with compare: %s", (_name, query) => {
    const q = compileQuery(query, ctx());
    const matching = records.filter((r) => q.matches(r));
    expect(q.sort(matching).map(idOf)).toEqual([...matching].sort(q.compare).map(idOf));
  });

  test("record numbers with an app code sort by their number", () => {
    const withCode = [9, 10, 2].map((id) => rec(id, { レコード番号: `APP-${id}` }));
    expect(run("order by レコード番号 asc", withCode)).toEqual([2, 9, 10]);
  });

  test.each([
    ["CHECK_BOX cannot be sorted", "order by checks asc", "GAIA_IQ03"],
    ["USER_SELECT cannot be sorted", "order by users desc", "GAIA_IQ03"],
    ["MULTI_LINE_TEXT cannot be sorted", "order by memo asc", "GAIA_IQ03"],
    ["FILE cannot be sorted", "order by files asc", "GAIA_IQ03"],
    ["an unknown field is GAIA_IQ11", "order by nope asc", "GAIA_IQ11"],
  ])("%s", (_name, query, code) => {
    expect(thrown(() => compileQuery(query, ctx())).code).toBe(code);
  });
});
