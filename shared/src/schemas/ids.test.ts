import { describe, expect, test } from "vitest";
import { kintoneIdSchema } from "./ids.ts";

describe("kintoneIdSchema", () => {
  test.each([
    ["a string id stays a string", "14", "14"],
    ["a number is accepted and becomes a string", 14, "14"],
    ["surrounding spaces are trimmed", " 15 ", "15"],
  ])("%s", (_rule, input, expected) => {
    expect(kintoneIdSchema.parse(input)).toBe(expected);
  });

  test.each([
    ["zero", 0],
    ["a negative number", -3],
    ["a fraction", 1.5],
    ["a leading zero (would make a second key for the same id)", "014"],
    ["not a number", "abc"],
    ["empty", ""],
    ["an unsafe integer", 2 ** 60],
    ["null", null],
  ])("rejects %s", (_rule, input) => {
    expect(kintoneIdSchema.safeParse(input).success).toBe(false);
  });
});
