import { optionsSchema } from "@front-agent/shared";
import { describe, expect, test } from "vitest";
import { type NumberOption, OPTION_LIMITS, optionValue, parseWholeNumber } from "./option-values.ts";

describe("parseWholeNumber", () => {
  test.each([
    ["plain digits", "60", 60],
    ["surrounding spaces", " 60 ", 60],
    ["full-width digits from a Japanese IME", "６０", 60],
    ["a thousands separator", "3,000", 3000],
    ["a full-width separator", "３，０００", 3000],
    ["empty", "", null],
    ["a decimal", "1.5", null],
    ["a sign", "-1", null],
    ["words", "sixty", null],
    ["exponent notation", "1e3", null],
  ])("%s", (_rule, text, expected) => {
    expect(parseWholeNumber(text)).toBe(expected);
  });
});

describe("OPTION_LIMITS", () => {
  // The plug-in restates the shared schema's bounds to keep zod out of config.js; this holds them together.
  test.each(Object.keys(OPTION_LIMITS) as NumberOption[])("%s matches the shared optionsSchema", (option) => {
    const { min, max } = OPTION_LIMITS[option];
    const accepts = (value: number) => optionsSchema.safeParse({ [option]: value }).success;
    expect([accepts(min - 1), accepts(min), accepts(max), accepts(max + 1)]).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect([optionValue(option, String(min - 1)), optionValue(option, String(max + 1))]).toEqual([
      null,
      null,
    ]);
    expect([optionValue(option, String(min)), optionValue(option, String(max))]).toEqual([min, max]);
  });
});
