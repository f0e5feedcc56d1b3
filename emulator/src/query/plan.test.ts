/**
 * Planner hints. The official client pages with `(<cond>) and $id > N order by $id asc limit 500`,
 * or `$id > N order by $id asc limit 500` without a condition (getAllRecordsWithId, cli-kintone).
 */
import { describe, expect, test } from "vitest";
import { ctx, rec, run } from "./fixtures.ts";
import { compileQuery } from "./index.ts";

describe("idRange and idOrder", () => {
  test.each([
    ["no query: no range, default $id desc", "", null, "desc"],
    [
      "the client's first page without a condition",
      "$id > 0 order by $id asc limit 500",
      { min: 0, minInclusive: false },
      "asc",
    ],
    [
      "the client's next page with a condition in parentheses",
      '(title = "x") and $id > 500 order by $id asc limit 500',
      { min: 500, minInclusive: false },
      "asc",
    ],
    [
      "a parenthesised or-condition stays out of the range",
      '(title = "x" or amount > 1) and $id > 500 order by $id asc limit 500',
      { min: 500, minInclusive: false },
      "asc",
    ],
    ["no parentheses", 'title = "x" and $id > 500', { min: 500, minInclusive: false }, "desc"],
    [
      "nested conjunctions are flattened",
      '(title = "x" and ($id >= 7)) and amount > 1',
      { min: 7, minInclusive: true },
      "desc",
    ],
    ["a quoted bound", '$id > "500"', { min: 500, minInclusive: false }, "desc"],
    [
      "both sides",
      "$id >= 10 and $id < 20",
      { min: 10, minInclusive: true, max: 20, maxInclusive: false },
      "desc",
    ],
    [
      "bounds combine to the tightest",
      "$id > 10 and $id >= 15 and $id <= 30 and $id < 30",
      { min: 15, minInclusive: true, max: 30, maxInclusive: false },
      "desc",
    ],
    [
      "on equal bounds the exclusive one wins",
      "$id >= 10 and $id > 10",
      { min: 10, minInclusive: false },
      "desc",
    ],
    [
      "$id = N bounds both sides",
      "$id = 7",
      { min: 7, minInclusive: true, max: 7, maxInclusive: true },
      "desc",
    ],
    ["an or at the top gives no range", 'title = "x" or $id > 5', null, "desc"],
    ["$id inside a parenthesised or gives no range", '($id > 5 or title = "x") and amount > 1', null, "desc"],
    ["no $id condition", 'title = "x" order by $id desc', null, "desc"],
    ["$id not in is not a range", "$id not in (1)", null, "desc"],
    ["order by $id without direction is desc", "order by $id", null, "desc"],
    ["order by the record-number field counts as $id", "order by レコード番号 asc", null, "asc"],
    ["two keys: not a pure $id order", "order by $id asc, title asc", null, null],
    ["another field", "order by title asc", null, null],
  ])("%s", (_name, query, idRange, idOrder) => {
    const q = compileQuery(query, ctx());
    expect(q.idRange).toEqual(idRange);
    expect(q.idOrder).toBe(idOrder);
  });

  test("the hint never replaces matches(): the seek page is still filtered", () => {
    const records = [1, 2, 3, 4, 5, 6].map((id) => rec(id, { title: id % 2 ? "x" : "y" }));
    expect(run('(title = "x") and $id > 2 order by $id asc limit 500', records)).toEqual([3, 5]);
  });
});
