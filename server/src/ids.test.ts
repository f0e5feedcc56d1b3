import { describe, expect, test } from "vitest";
import { uuidv7 } from "./ids.ts";

describe("uuidv7", () => {
  test("is a version-7, variant-1 UUID carrying its millisecond", () => {
    const id = uuidv7(0x0123456789ab);
    expect(id).toMatch(/^01234567-89ab-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test("sorts by creation time and does not repeat", () => {
    const ids = Array.from({ length: 1000 }, (_, i) => uuidv7(1_700_000_000_000 + i));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(Array.from({ length: 1000 }, () => uuidv7(5))).size).toBe(1000);
  });

  test("each id carries its own millisecond, one after another or back again", () => {
    const times = [5, 5, 0x0123456789ab, 5, 0, 0xffffffffffff];
    const prefixes = times.map((t) => uuidv7(t).slice(0, 15));
    expect(prefixes).toEqual([
      "00000000-0005-7",
      "00000000-0005-7",
      "01234567-89ab-7",
      "00000000-0005-7",
      "00000000-0000-7",
      "ffffffff-ffff-7",
    ]);
  });
});
