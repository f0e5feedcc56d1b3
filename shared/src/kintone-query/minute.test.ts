import { describe, expect, test } from "vitest";
import { floorMinute, isoMinute } from "./minute.ts";

describe("minute precision", () => {
  test.each([
    ["seconds are dropped", "2026-11-24T09:30:40.123Z", "2026-11-24T09:30:00Z"],
    ["already on the minute", "2026-11-24T09:30:00Z", "2026-11-24T09:30:00Z"],
    ["a time-zone offset is read as its instant", "2026-11-24T18:30:59+09:00", "2026-11-24T09:30:00Z"],
  ])("%s", (_rule, input, expected) => {
    expect(isoMinute(new Date(input))).toBe(expected);
    expect(floorMinute(new Date(input)).toISOString()).toBe(expected.replace(":00Z", ":00.000Z"));
  });

  test("an invalid date throws rather than writing NaN into a query", () => {
    expect(() => isoMinute(new Date("nope"))).toThrow(RangeError);
  });
});
