import { describe, expect, test } from "vitest";
import { forEachDatabase, useTempStorage } from "../../storage/testing.ts";
import { pruneFinishedJobs } from "./scheduler.ts";

const NOW = new Date("2026-11-25T00:00:00.000Z");
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();

forEachDatabase((database) => {
  const t = useTempStorage(database, ["t1"]);

  describe("pruneFinishedJobs", () => {
    test("done jobs go after a week, failed ones after a month; unfinished ones stay", async () => {
      const finished: Array<[string, number, "done" | "failed"]> = [
        ["done-8d", 8, "done"],
        ["done-6d", 6, "done"],
        ["failed-31d", 31, "failed"],
        ["failed-20d", 20, "failed"],
      ];
      for (const [i, [id, days, outcome]] of finished.entries()) {
        const at = daysAgo(days);
        await t.storage.jobs.enqueue({
          id,
          tenantId: "t1",
          kind: "k",
          payload: null,
          runAt: daysAgo(40 - i),
        });
        expect((await t.storage.jobs.claim(at, 60_000))?.id).toBe(id);
        if (outcome === "done") await t.storage.jobs.complete(id, at);
        else await t.storage.jobs.fail(id, at, "refused", null);
      }
      await t.storage.jobs.enqueue({
        id: "queued-old",
        tenantId: "t1",
        kind: "k",
        payload: null,
        runAt: daysAgo(90),
      });

      expect(await pruneFinishedJobs(t.storage, NOW)).toBe(2);
      // What is left: the recent finished ones (not pending) and the queued one.
      expect((await t.storage.jobs.pending("t1", "k")).map((j) => j.id)).toEqual(["queued-old"]);
      expect(await t.storage.jobs.prune({ done: NOW.toISOString(), failed: NOW.toISOString() })).toBe(2);
    });
  });
});
