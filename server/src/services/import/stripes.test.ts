import { describe, expect, test } from "vitest";
import { planStripes } from "./stripes.ts";

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
