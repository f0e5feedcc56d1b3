import { describe, expect, test } from "vitest";
import { forEachDatabase, useTempStorage } from "../storage/testing.ts";
import { RetryLater } from "./jobs/retry-later.ts";
import { budgetFit, DailyBudgetTooSmallError, requestBudget } from "./request-budget.ts";
import { RequestCounter } from "./request-counter.ts";

const NOW = new Date("2026-11-25T14:30:00.000Z");

describe("budgetFit: whether work of n requests fits today's share (80% of the limit)", () => {
  test.each([
    ["nothing used, well within", 0, 10, 100, "fits"],
    ["ends exactly at the share", 70, 10, 100, "fits"],
    ["would pass the share by one", 71, 10, 100, "next_day"],
    ["the share already spent", 80, 1, 100, "next_day"],
    ["the whole share, on a fresh day", 0, 80, 100, "fits"],
    ["more than a whole day's share: never", 0, 81, 100, "never"],
    ["the wide course takes what the standard never could", 0, 9000, 100_000, "fits"],
  ] as const)("%s", (_what, used, requests, limit, expected) => {
    expect(budgetFit(used, requests, limit)).toBe(expected);
  });
});

forEachDatabase((database) => {
  const t = useTempStorage(database, ["t1"]);

  describe("the daily request budget", () => {
    test.each([
      ["below 80% of the limit: goes ahead", 79, false],
      ["at 80%: waits for the next day", 80, true],
    ])("%s", async (_what, used, defers) => {
      const counter = new RequestCounter(t.storage, 60_000);
      // Part stored, part still counted in memory: both count.
      await t.storage.requestCounts.add("t1", "14", "2026-11-25", used - 5);
      for (let i = 0; i < 5; i++) counter.count("t1", "14", "2026-11-25");
      await t.storage.requestCounts.add("t1", "14", "2026-11-24", 500);
      const budget = requestBudget(counter, 100, () => NOW);
      expect((await budget.usage("t1")).get("14")).toBe(used);
      const outcome = await budget.deferIfSpent("t1", ["15", "14"]).then(
        () => null,
        (error: unknown) => error,
      );
      if (!defers) {
        expect(outcome).toBeNull();
        return;
      }
      expect(outcome).toBeInstanceOf(RetryLater);
      // kintone's count resets at 09:00 JST = 00:00 UTC.
      expect((outcome as RetryLater).at.toISOString()).toBe("2026-11-26T00:00:00.000Z");
      expect((outcome as RetryLater).message).toContain("app 14");
    });

    test("work that cannot stop half-way waits for the next day unless it fits within today's share", async () => {
      const counter = new RequestCounter(t.storage, 60_000);
      await t.storage.requestCounts.add("t1", "14", "2026-11-25", 60);
      const budget = requestBudget(counter, 100, () => NOW);
      await expect(budget.deferUnlessFits("t1", "14", 20)).resolves.toBeUndefined();
      const deferred = await budget.deferUnlessFits("t1", "14", 21).catch((error: unknown) => error);
      expect(deferred).toBeInstanceOf(RetryLater);
      expect((deferred as RetryLater).at.toISOString()).toBe("2026-11-26T00:00:00.000Z");
      // Another app's use is its own budget.
      await expect(budget.deferUnlessFits("t1", "15", 80)).resolves.toBeUndefined();
      await expect(budget.deferUnlessFits("t1", "15", 81)).rejects.toBeInstanceOf(DailyBudgetTooSmallError);
    });
  });
});
