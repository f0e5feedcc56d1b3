import { describe, expect, test } from "vitest";
import { statusSchema } from "./status.ts";

const status = {
  runs: [],
  nextSyncAt: "2026-11-25T09:00:00Z",
  customers: { linked: 10, total: 12 },
  exports: { written: 3, skipped: 1, failed: 0, queued: 2 },
};

describe("statusSchema", () => {
  test.each<[string, Record<string, unknown>, boolean]>([
    ["the API.md shape", status, true],
    ["no sync scheduled yet", { ...status, nextSyncAt: null }, true],
    ["exports may count needsReview", { ...status, exports: { ...status.exports, needsReview: 1 } }, true],
    [
      "the next full sync and the operator's limits (issue 15)",
      { ...status, nextFullSyncAt: null, limits: { maxInitialRecords: 3000 } },
      true,
    ],
    ["customers counts are required", { ...status, customers: { linked: 1 } }, false],
  ])("%s", (_rule, value, valid) => {
    expect(statusSchema.safeParse(value).success).toBe(valid);
  });
});
