import { describe, expect, test } from "vitest";
import { forEachDatabase, useTempStorage } from "../storage/testing.ts";
import { RetryLater } from "./jobs/worker.ts";
import { requestBudget } from "./request-budget.ts";
import { RequestCounter } from "./request-counter.ts";

const NOW = new Date("2026-11-25T14:30:00.000Z");

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
  });
});
