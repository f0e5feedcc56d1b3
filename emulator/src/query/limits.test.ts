import { describe, expect, test } from "vitest";
import { ctx, thrown } from "./fixtures.ts";
import { compileQuery } from "./index.ts";

const cursor = { allowLimitOffset: false };

describe("limit and offset", () => {
  test.each([
    ["not given: null (the caller applies 100)", "", null, null],
    ["limit 500 is the maximum", "limit 500", 500, null],
    ["limit 0 is accepted", "limit 0", 0, null],
    ["offset 10000 is the maximum", "offset 10000", null, 10000],
    ["both", 'title = "a" limit 10 offset 20', 10, 20],
    ["leading zeros", "limit 010", 10, null],
  ])("%s", (_name, query, limit, offset) => {
    const q = compileQuery(query, ctx());
    expect([q.limit, q.offset]).toEqual([limit, offset]);
  });

  test.each([
    [
      "limit 501 is GAIA_QU01",
      "limit 501",
      "GAIA_QU01",
      "limit には 500 以下の値を指定してください。",
      "The limit must be 500 or less.",
    ],
    [
      "offset 10001 is GAIA_QU02",
      "offset 10001",
      "GAIA_QU02",
      "offset には 10,000 以下の値を指定してください。",
      "The offset must be 10,000 or less.",
    ],
  ])("%s", (_name, query, code, ja, en) => {
    const e = thrown(() => compileQuery(query, ctx()));
    expect(e.code).toBe(code);
    expect(e.status).toBe(400);
    expect(e.messages).toEqual({ ja, en });
    expect(e.errors).toBeUndefined();
  });

  test.each([
    ["negative limit", "limit -1"],
    ["negative offset", "offset -1"],
    ["fractional offset", "offset 0.5"],
  ])("%s is CB_VA01 on query", (_name, query) => {
    const e = thrown(() => compileQuery(query, ctx()));
    expect(e.code).toBe("CB_VA01");
    expect(Object.keys(e.errors ?? {})).toEqual(["query"]);
  });
});

describe("cursor API: no limit/offset in the query", () => {
  test.each([
    ["limit", "limit 10"],
    ["offset", "offset 0"],
    ["limit after a condition and order by", 'title = "a" order by $id asc limit 5'],
    ["limit beyond 500 is still the cursor error, not GAIA_QU01", "limit 1000"],
  ])("%s is CB_VA01 on query", (_name, query) => {
    const e = thrown(() => compileQuery(query, ctx(), cursor));
    expect(e.code).toBe("CB_VA01");
    expect(Object.keys(e.errors ?? {})).toEqual(["query"]);
  });

  test("a condition with order by is fine", () => {
    const q = compileQuery('title = "a" order by amount desc', ctx(), cursor);
    expect([q.limit, q.offset]).toEqual([null, null]);
  });

  test("allowLimitOffset: true behaves like records.json", () => {
    expect(compileQuery("limit 5", ctx(), { allowLimitOffset: true }).limit).toBe(5);
  });
});
