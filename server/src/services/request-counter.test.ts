import { describe, expect, test } from "vitest";
import { forEachDatabase, useTempStorage } from "../storage/testing.ts";
import { RequestCounter } from "./request-counter.ts";

forEachDatabase((database) => {
  const t = useTempStorage(database, ["t1"]);

  describe("RequestCounter", () => {
    test("counts in memory and writes one sum per tenant, app and day", async () => {
      const counter = new RequestCounter(t.storage, 60_000);
      for (let i = 0; i < 250; i++) counter.count("t1", "14", "2026-01-01");
      counter.count("t1", "15", "2026-01-01");
      counter.count("t1", "14", "2026-01-02");
      expect((await t.storage.requestCounts.get("t1", "2026-01-01")).size).toBe(0);
      await counter.flush();
      expect(await t.storage.requestCounts.get("t1", "2026-01-01")).toEqual(
        new Map([
          ["14", 250],
          ["15", 1],
        ]),
      );
      expect(await t.storage.requestCounts.get("t1", "2026-01-02")).toEqual(new Map([["14", 1]]));
      // A second flush adds what came since, not the old counts again.
      counter.count("t1", "14", "2026-01-01");
      await counter.flush();
      expect((await t.storage.requestCounts.get("t1", "2026-01-01")).get("14")).toBe(251);
    });

    test("writes by itself after its interval", async () => {
      const counter = new RequestCounter(t.storage, 20);
      counter.count("t1", "14", "2026-01-01");
      await expect
        .poll(async () => (await t.storage.requestCounts.get("t1", "2026-01-01")).get("14"))
        .toBe(1);
    });
  });
});
