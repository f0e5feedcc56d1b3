import { initialWindowStart, updatedSinceCondition } from "@front-agent/shared";
import { describe, expect, test } from "vitest";
import {
  DEFAULT_UPDATED_TIME_FIELD,
  firstImportPlan,
  firstImportQuery,
  updatedTimeField,
} from "./import-preview.ts";

describe("updatedTimeField", () => {
  test("the form's UPDATED_TIME field, whatever its code", () => {
    expect(
      updatedTimeField({
        顧客名: { type: "SINGLE_LINE_TEXT", code: "顧客名" },
        最終更新: { type: "UPDATED_TIME", code: "最終更新" },
      }),
    ).toBe("最終更新");
  });
  test("kintone's default code while the form is not known", () => {
    expect(updatedTimeField(null)).toBe(DEFAULT_UPDATED_TIME_FIELD);
    expect(DEFAULT_UPDATED_TIME_FIELD).toBe("更新日時");
  });
});

describe("firstImportQuery (SPEC I9, as the backend's first import writes it)", () => {
  test.each([
    [
      "60 days back, floored to the minute",
      "2026-11-24T09:30:40.500Z",
      60,
      '更新日時 >= "2026-09-25T09:30:00Z" limit 1',
    ],
    ["already on the minute", "2026-11-24T09:30:00Z", 1, '更新日時 >= "2026-11-23T09:30:00Z" limit 1'],
    [
      "3,650 days are whole days, not ten calendar years (three leap days in between)",
      "2026-01-10T00:00:59Z",
      3650,
      '更新日時 >= "2016-01-13T00:00:00Z" limit 1',
    ],
  ])("%s", (_rule, now, days, expected) => {
    expect(firstImportQuery("更新日時", new Date(now), days)).toBe(expected);
  });

  test.each([
    ["2026-11-24T09:30:40.500Z", 60],
    ["2026-03-29T01:59:59Z", 1],
    ["2024-02-29T23:59:00Z", 3650],
  ])(
    "agrees with the backend's condition (initialWindowStart + updatedSinceCondition) at %s, %d days",
    (now, days) => {
      const backend = updatedSinceCondition("更新日時", initialWindowStart(new Date(now), days), 0);
      expect(firstImportQuery("更新日時", new Date(now), days)).toBe(`${backend} limit 1`);
    },
  );
});

describe("firstImportPlan", () => {
  test.each([
    ["nothing in the window", 0, 3000, { kind: "none", rest: 0 }],
    ["fewer than the cap: all", 1234, 3000, { kind: "all", rest: 0 }],
    ["exactly the cap: all", 3000, 3000, { kind: "all", rest: 0 }],
    ["over the cap: the newest cap's worth", 5000, 3000, { kind: "capped", rest: 2000 }],
  ])("%s", (_rule, total, cap, expected) => {
    expect(firstImportPlan(total, cap)).toEqual(expected);
  });
});
