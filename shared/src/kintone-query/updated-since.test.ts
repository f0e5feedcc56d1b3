import { describe, expect, test } from "vitest";
import { updatedSinceCondition } from "./updated-since.ts";

describe("updatedSinceCondition", () => {
  test.each([
    ["no overlap: the floored minute", 0, '更新日時 >= "2026-11-24T09:30:00Z"'],
    ["one minute of overlap", 1, '更新日時 >= "2026-11-24T09:29:00Z"'],
    ["overlap crossing midnight", 600, '更新日時 >= "2026-11-23T23:30:00Z"'],
  ])("%s", (_rule, overlap, expected) => {
    expect(updatedSinceCondition("更新日時", new Date("2026-11-24T09:30:40Z"), overlap)).toBe(expected);
  });

  test.each([
    ["a code with a space", "更新 日時", 1],
    ["a code that injects a condition", '更新日時 >= "" or a', 1],
    ["a negative overlap", "更新日時", -1],
  ])("rejects %s", (_rule, code, overlap) => {
    expect(() => updatedSinceCondition(code, new Date("2026-11-24T09:30:00Z"), overlap)).toThrow();
  });
});
