import { describe, expect, test } from "vitest";
import { importRunSchema } from "./import-run.ts";

const run = {
  id: "run-1",
  kind: "initial",
  status: "succeeded",
  startedAt: "2026-11-24T09:00:00Z",
  finishedAt: "2026-11-24T09:01:00Z",
  read: 3000,
  created: 2990,
  updated: 0,
  skipped: 10,
  failed: 0,
};

describe("importRunSchema", () => {
  test.each<[string, Record<string, unknown>, boolean]>([
    ["I12: a finished run", run, true],
    ["a running run has finishedAt null", { ...run, status: "running", finishedAt: null }, true],
    ["a failed run says why", { ...run, status: "failed", error: "kintone に接続できませんでした。" }, true],
    ["finishedAt is required (null, not absent)", { ...run, finishedAt: undefined }, false],
    ["an unknown kind", { ...run, kind: "partial" }, false],
    ["a negative count", { ...run, skipped: -1 }, false],
    ["a fractional count", { ...run, read: 1.5 }, false],
  ])("%s", (_rule, value, valid) => {
    expect(importRunSchema.safeParse(value).success).toBe(valid);
  });
});
