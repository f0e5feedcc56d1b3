import { describe, expect, test } from "vitest";
import { afterOpening, planStripes } from "./stripes.ts";

describe("planStripes", () => {
  test.each([
    ["empty app", 0, 0, 4, []],
    ["one small page → one stripe", 1, 300, 4, [{ after: 0, to: 300, done: false }]],
    [
      "1..2000 in four",
      1,
      2000,
      4,
      [
        { after: 0, to: 500, done: false },
        { after: 500, to: 1000, done: false },
        { after: 1000, to: 1500, done: false },
        { after: 1500, to: 2000, done: false },
      ],
    ],
    [
      "no more stripes than 500-id pages",
      11,
      1010,
      3,
      [
        { after: 10, to: 510, done: false },
        { after: 510, to: 1010, done: false },
      ],
    ],
    [
      "stripes are whole 500-id pages (2000 ids in 3 → 1000 + 1000)",
      11,
      2010,
      3,
      [
        { after: 10, to: 1010, done: false },
        { after: 1010, to: 2010, done: false },
      ],
    ],
    [
      "an uneven tail goes to the last stripe",
      1,
      2300,
      4,
      [
        { after: 0, to: 1000, done: false },
        { after: 1000, to: 2000, done: false },
        { after: 2000, to: 2300, done: false },
      ],
    ],
  ])("%s", (_name, min, max, count, expected) => {
    expect(planStripes(min, max, count)).toEqual(expected);
  });

  test("stripes cover the range exactly once", () => {
    const stripes = planStripes(7, 100_003, 4);
    expect(stripes[0]?.after).toBe(6);
    expect(stripes.at(-1)?.to).toBe(100_003);
    for (let i = 1; i < stripes.length; i++) expect(stripes[i]?.after).toBe(stripes[i - 1]?.to);
  });
});

describe("afterOpening (the first page from each end read; limit 3 here for short tables)", () => {
  const ids = (from: number, to: number) =>
    Array.from({ length: Math.abs(to - from) + 1 }, (_, i) => (from <= to ? from + i : from - i));
  test.each([
    ["an empty app", [], [], { keepTopAbove: Infinity, stripes: [], most: 0 }],
    [
      "a short bottom page held every record",
      [2, 5],
      [5, 2],
      { keepTopAbove: Infinity, stripes: [], most: 2 },
    ],
    [
      "the pages met: the top's records above the bottom's last",
      [1, 2, 3],
      [5, 4, 3],
      { keepTopAbove: 3, stripes: [], most: 5 },
    ],
    ["the pages are the same records", [1, 2, 3], [3, 2, 1], { keepTopAbove: 3, stripes: [], most: 3 }],
    ["adjacent pages: nothing between", [1, 2, 3], [6, 5, 4], { keepTopAbove: 3, stripes: [], most: 6 }],
    [
      "nothing matched any more when the top was read",
      [1, 2, 3],
      [],
      { keepTopAbove: 3, stripes: [], most: 3 },
    ],
    [
      "ids between: striped, at most every id between matches",
      ids(1, 3),
      ids(3000, 2998),
      { keepTopAbove: 3, stripes: planStripes(4, 2997, 4), most: 3 + 3 + 2994 },
    ],
  ] as const)("%s", (_name, bottom, top, expected) => {
    expect(afterOpening([...bottom], [...top], 3, 4)).toEqual(expected);
  });

  test("with 500-record pages, 3,000 dense ids leave four full pages between, one stripe each", () => {
    const rest = afterOpening(ids(1, 500), ids(3000, 2501), 500, 4);
    expect(rest.stripes).toEqual([
      { after: 500, to: 1000, done: false },
      { after: 1000, to: 1500, done: false },
      { after: 1500, to: 2000, done: false },
      { after: 2000, to: 2500, done: false },
    ]);
    expect(rest.most).toBe(3000);
  });
});
