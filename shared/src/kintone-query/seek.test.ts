import { describe, expect, test } from "vitest";
import { seekQuery, topQuery } from "./seek.ts";

describe("seekQuery", () => {
  test.each([
    ["no condition: the $id bound only", { afterId: 0, limit: 500 }, "$id > 0 order by $id asc limit 500"],
    [
      "empty condition is no condition",
      { condition: "  ", afterId: "12", limit: 100 },
      "$id > 12 order by $id asc limit 100",
    ],
    [
      "condition is parenthesised so an `or` cannot escape",
      { condition: 'a = "1" or b = "2"', afterId: 40, limit: 500 },
      '(a = "1" or b = "2") and $id > 40 order by $id asc limit 500',
    ],
  ])("%s", (_rule, options, expected) => {
    expect(seekQuery(options)).toBe(expected);
  });

  test.each([
    ["limit over kintone's 500", { afterId: 0, limit: 501 }],
    ["limit 0", { afterId: 0, limit: 0 }],
    ["fractional limit", { afterId: 0, limit: 1.5 }],
    ["negative afterId", { afterId: -1, limit: 10 }],
    ["afterId that is not an id", { afterId: "1 or 1", limit: 10 }],
  ])("rejects %s", (_rule, options) => {
    expect(() => seekQuery(options)).toThrow(RangeError);
  });
});

describe("topQuery", () => {
  test.each([
    ["no condition", { limit: 500 }, "order by $id desc limit 500"],
    // No `$id` bound follows, so an `or` in the condition has nothing to swallow: kept as given.
    [
      "a condition",
      { condition: 'a = "1" or b = "2"', limit: 500 },
      'a = "1" or b = "2" order by $id desc limit 500',
    ],
  ])("%s", (_rule, options, expected) => {
    expect(topQuery(options)).toBe(expected);
  });

  test("rejects a limit over kintone's 500", () => {
    expect(() => topQuery({ limit: 501 })).toThrow(RangeError);
  });
});
