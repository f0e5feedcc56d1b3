/**
 * Table fields (facts §3, measured): referenced by their own code; a positive condition matches if
 * any row matches; conditions on the same table joined by `and` must hold on the same row; a record
 * without rows never matches; `=`/`!=` are GAIA_IQ07.
 */
import { describe, expect, test } from "vitest";
import { ctx, hits, rec, thrown } from "./fixtures.ts";
import { compileQuery } from "./index.ts";

const records = [
  rec(1, {
    title: "one",
    items: [
      { item_name: "bolt", qty: "5", kind: "A", item_memo: "a", item_date: "2024-01-10" },
      { item_name: "nut", qty: "1", kind: "B", item_memo: "b" },
    ],
  }),
  rec(2, {
    title: "two",
    items: [
      { item_name: "bolt", qty: "1" },
      { item_name: "nut", qty: "5" },
    ],
  }),
  rec(3, { title: "three", items: [] }),
  rec(4, { title: "four", items: [{}] }),
];

describe("table conditions", () => {
  test.each([
    ["any row matching is enough", 'item_name in ("bolt")', [1, 2]],
    ["and on the same table must hold on the same row", 'item_name in ("bolt") and qty >= 5', [1]],
    ["same row, other pairing", 'item_name in ("nut") and qty >= 5', [2]],
    ["same row through parentheses", '(item_name in ("bolt")) and (qty >= 5)', [1]],
    [
      "an or of the table's conditions joined by and is still one row",
      '(item_name in ("bolt") or kind in ("B")) and qty >= 5',
      [1],
    ],
    ["or across rows is any row", 'item_name in ("bolt") or qty >= 5', [1, 2]],
    ["a top-level field mixes in per record", 'item_name in ("bolt") and title = "two"', [2]],
    ["top-level or table", 'title = "four" or qty > 3', [1, 2, 4]],
    ["like on a table field", 'item_name like "bolt"', [1, 2]],
    ['in ("") finds a row with the value unset', 'item_name in ("")', [4]],
    ["ordered comparison on a table NUMBER", "qty < 2", [1, 2]],
    ["ordered comparison on a table DATE", 'item_date >= "2024-01-01"', [1]],
    ["choices in a table", 'kind in ("A")', [1]],
    ["is empty: some row is empty", "item_memo is empty", [2, 4]],
    ["is not empty: rows exist and none is empty", "item_memo is not empty", [1]],
    ["not in: rows exist and no row has the value", 'item_name not in ("bolt")', [4]],
    ["not like: rows exist and no row has the word", 'item_name not like "nut"', [4]],
    ["a record without rows never matches a positive condition", 'qty > 0 or item_name in ("")', [1, 2, 4]],
    ["a record without rows never matches a negative one either", 'item_name not in ("zzz")', [1, 2, 4]],
  ])("%s", (_name, query, expected) => {
    expect(hits(query, records)).toEqual(expected);
  });

  test.each([
    ["= on a table field is GAIA_IQ07", 'item_name = "bolt"', "GAIA_IQ07"],
    ["!= on a table NUMBER is GAIA_IQ07", "qty != 5", "GAIA_IQ07"],
    ["an option a table drop-down lacks is GAIA_IQ10", 'kind in ("Z")', "GAIA_IQ10"],
    ["order by a table field is refused", "order by qty asc", "GAIA_IQ03"],
  ])("%s", (_name, query, code) => {
    expect(thrown(() => compileQuery(query, ctx())).code).toBe(code);
  });
});
