import { describe, expect, test } from "vitest";
import { floorMinute } from "../kintone-query/minute.ts";
import { initialWindowStart, isNewer, nextWatermark, sinceFor } from "./watermark.ts";

describe("nextWatermark", () => {
  test.each([
    ["I10: the minute the run started in", "2026-11-24T09:30:10.500Z", "2026-11-24T09:30:00Z"],
    ["I10: a start on the minute stays", "2026-11-24T09:30:00Z", "2026-11-24T09:30:00Z"],
  ])("%s", (_rule, startedAt, expected) => {
    expect(nextWatermark(new Date(startedAt))).toBe(expected);
  });
});

describe("sinceFor", () => {
  test.each([
    ["I10: one minute of overlap by default", "2026-11-24T09:30:00Z", undefined, "2026-11-24T09:29:00.000Z"],
    ["I10: no overlap", "2026-11-24T09:30:00Z", 0, "2026-11-24T09:30:00.000Z"],
    ["a watermark with seconds is floored first", "2026-11-24T09:30:59Z", 1, "2026-11-24T09:29:00.000Z"],
  ])("%s", (_rule, watermark, overlap, expected) => {
    expect(sinceFor(watermark, overlap).toISOString()).toBe(expected);
  });

  test.each([
    ["an unreadable watermark", "yesterday", 1],
    ["a negative overlap", "2026-11-24T09:30:00Z", -1],
  ])("rejects %s", (_rule, watermark, overlap) => {
    expect(() => sinceFor(watermark, overlap)).toThrow(RangeError);
  });
});

// What the next incremental run reads: kintone shows UPDATED_TIME floored to the minute and we ask `>=`.
function reReadNextTime(previousRunStartedAt: string, updatedAt: string): boolean {
  const since = sinceFor(nextWatermark(new Date(previousRunStartedAt)));
  return floorMinute(new Date(updatedAt)).getTime() >= since.getTime();
}

describe("I10: no record is lost to minute precision", () => {
  test.each([
    [
      "same minute, after the run started (09:30:40 vs 09:30:10) → re-read",
      "2026-11-24T09:30:10Z",
      "2026-11-24T09:30:40Z",
      true,
    ],
    [
      "same minute, before the run started → re-read (then dropped by revision)",
      "2026-11-24T09:30:10Z",
      "2026-11-24T09:30:05Z",
      true,
    ],
    [
      "the minute before the run → re-read by the overlap",
      "2026-11-24T09:30:10Z",
      "2026-11-24T09:29:30Z",
      true,
    ],
    ["later, during or after the run → read", "2026-11-24T09:30:10Z", "2026-11-24T10:15:00Z", true],
    [
      "two minutes before the run → already seen, not read again",
      "2026-11-24T09:30:10Z",
      "2026-11-24T09:28:59Z",
      false,
    ],
  ])("%s", (_rule, previousStart, updatedAt, expected) => {
    expect(reReadNextTime(previousStart, updatedAt)).toBe(expected);
  });
});

describe("isNewer", () => {
  test.each([
    ["a higher revision is newer", { revision: "3" }, { revision: "4" }, true],
    ["the same revision (re-read by the overlap) is not", { revision: "4" }, { revision: "4" }, false],
    ["an older revision is not", { revision: "5" }, { revision: "4" }, false],
    ["numeric, not string, order: 10 > 9", { revision: "9" }, { revision: "10" }, true],
    ["numbers and strings mix", { revision: 9 }, { revision: "10" }, true],
    ["nothing applied yet → newer", null, { revision: "1" }, true],
  ])("%s", (_rule, stored, incoming, expected) => {
    expect(isNewer(stored, incoming)).toBe(expected);
  });

  test.each([
    ["an empty revision", { revision: "" }],
    ["a non-numeric revision", { revision: "abc" }],
    ["a negative revision", { revision: "-1" }],
  ])("rejects %s", (_rule, incoming) => {
    expect(() => isNewer({ revision: "1" }, incoming)).toThrow(RangeError);
  });
});

describe("initialWindowStart", () => {
  test.each([
    ["I9: 60 days back", "2026-11-24T09:30:00Z", 60, "2026-09-25T09:30:00.000Z"],
    ["I9: one day back", "2026-11-24T09:30:00Z", 1, "2026-11-23T09:30:00.000Z"],
  ])("%s", (_rule, now, days, expected) => {
    expect(initialWindowStart(new Date(now), days).toISOString()).toBe(expected);
  });

  test("rejects a fractional number of days", () => {
    expect(() => initialWindowStart(new Date("2026-11-24T09:30:00Z"), 1.5)).toThrow(RangeError);
  });
});
