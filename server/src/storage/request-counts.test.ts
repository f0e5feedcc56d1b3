import { describe, expect, test } from "vitest";
import { STORAGE_KINDS, useTempStorage } from "./testing.ts";

describe.each(STORAGE_KINDS)("on %s", (kind) => {
  const t = useTempStorage(kind, ["t1", "t2"]);

  describe("kintone request counts", () => {
    test("add creates then increments the day's count per app", async () => {
      await t.storage.requestCounts.add("t1", "14", "2026-01-01", 3);
      await t.storage.requestCounts.add("t1", "14", "2026-01-01", 2);
      await t.storage.requestCounts.add("t1", "15", "2026-01-01", 1);
      await t.storage.requestCounts.add("t1", "14", "2026-01-02", 7);
      await t.storage.requestCounts.add("t2", "14", "2026-01-01", 100);
      await t.storage.requestCounts.add("t1", "16", "2026-01-01", 0);

      expect(await t.storage.requestCounts.get("t1", "2026-01-01")).toEqual(
        new Map([
          ["14", 5],
          ["15", 1],
        ]),
      );
      expect(await t.storage.requestCounts.get("t1", "2026-01-02")).toEqual(new Map([["14", 7]]));
      expect((await t.storage.requestCounts.get("t1", "2026-01-03")).size).toBe(0);
    });

    test("concurrent increments are not lost", async () => {
      await Promise.all(
        Array.from({ length: 50 }, () => t.storage.requestCounts.add("t1", "14", "2026-01-01", 1)),
      );
      expect((await t.storage.requestCounts.get("t1", "2026-01-01")).get("14")).toBe(50);
    });
  });
});
