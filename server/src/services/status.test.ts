import { describe, expect, test } from "vitest";
import { forEachDatabase, useTempStorage } from "../storage/testing.ts";
import { Refused } from "./exports/refused.ts";
import { runIssues } from "./status.ts";

forEachDatabase((database) => {
  const t = useTempStorage(database, ["t1", "t2"]);

  describe("runIssues (GET /v1/kintone/runs/{id}/issues)", () => {
    test("a run of another tenant, or none: NOT_FOUND (404)", async () => {
      await t.storage.runs.create({
        id: "r1",
        tenantId: "t2",
        kind: "initial",
        startedAt: "2026-11-24T09:30:00Z",
      });
      for (const runId of ["r1", "nope"]) {
        const refused = await runIssues(t.storage, "t1", runId).catch((error: unknown) => error);
        expect(refused).toBeInstanceOf(Refused);
        expect(refused).toMatchObject({ code: "NOT_FOUND" });
      }
    });

    test("the tenant's run with its issues", async () => {
      await t.storage.runs.create({
        id: "r1",
        tenantId: "t1",
        kind: "initial",
        startedAt: "2026-11-24T09:30:00Z",
      });
      expect(await runIssues(t.storage, "t1", "r1")).toMatchObject({ run: { id: "r1" }, issues: [] });
    });
  });
});
