import { describe, expect, test } from "vitest";
import { STORAGE_KINDS, useTempStorage } from "./testing.ts";

describe.each(STORAGE_KINDS)("on %s", (kind) => {
  const t = useTempStorage(kind, ["t1", "t2"]);

  describe("import runs", () => {
    test("the database holds at most one running run per tenant (two processes starting at once)", async () => {
      const start = (id: string, tenantId = "t1") =>
        t.storage.runs.create({ id, tenantId, kind: "incremental", startedAt: "2026-01-01T00:00:00Z" });
      await start("r1");
      await expect(start("r2")).rejects.toMatchObject({
        code: expect.stringMatching(/23505|SQLITE_CONSTRAINT/),
      });
      // Another tenant, and a new run once the first ended, are fine.
      await start("r3", "t2");
      await t.storage.runs.failIfRunning("t1", "r1", { finishedAt: "2026-01-01T00:01:00Z", error: "X" });
      await start("r4");
      expect((await t.storage.runs.running("t1"))?.id).toBe("r4");
    });

    test("lifecycle: created running, progress sets absolute counters, finish records the outcome", async () => {
      const run = await t.storage.runs.create({
        id: "r1",
        tenantId: "t1",
        kind: "initial",
        startedAt: "2026-01-01T00:00:00Z",
      });
      expect(run).toEqual({
        id: "r1",
        tenantId: "t1",
        kind: "initial",
        status: "running",
        startedAt: "2026-01-01T00:00:00.000Z",
        finishedAt: null,
        read: 0,
        created: 0,
        updated: 0,
        skipped: 0,
        failed: 0,
        error: null,
        kintoneRequests: 0,
        resume: null,
        watermark: null,
        deferredUntil: null,
        unlinked: 0,
      });
      expect((await t.storage.runs.running("t1"))?.id).toBe("r1");
      expect(await t.storage.runs.running("t2")).toBeNull();

      const progress = {
        read: 500,
        created: 480,
        updated: 10,
        skipped: 9,
        failed: 1,
        kintoneRequests: 2,
        resume: { lastId: "500" },
      };
      await t.storage.runs.progress("t1", "r1", progress);
      // Writing the same progress again (a resumed run) changes nothing: the counters are not deltas.
      await t.storage.runs.progress("t1", "r1", progress);
      expect(await t.storage.runs.get("t1", "r1")).toMatchObject(progress);

      await t.storage.runs.finish("t1", "r1", {
        status: "failed",
        finishedAt: "2026-01-01T00:05:00Z",
        error: "KINTONE_UNAVAILABLE",
      });
      expect(await t.storage.runs.get("t1", "r1")).toMatchObject({
        status: "failed",
        finishedAt: "2026-01-01T00:05:00.000Z",
        error: "KINTONE_UNAVAILABLE",
        read: 500,
      });
      expect(await t.storage.runs.running("t1")).toBeNull();
      // Another tenant can neither read nor change the run.
      expect(await t.storage.runs.get("t2", "r1")).toBeNull();
      await t.storage.runs.finish("t2", "r1", { status: "succeeded", finishedAt: "2026-01-02T00:00:00Z" });
      expect((await t.storage.runs.get("t1", "r1"))?.status).toBe("failed");
    });

    test("list is newest first and limited", async () => {
      for (const [id, day] of [
        ["a", "01"],
        ["c", "03"],
        ["b", "02"],
      ] as const) {
        await t.storage.runs.create({
          id,
          tenantId: "t1",
          kind: "incremental",
          startedAt: `2026-01-${day}T00:00:00Z`,
          status: "succeeded",
        });
      }
      await t.storage.runs.create({
        id: "x",
        tenantId: "t2",
        kind: "full",
        startedAt: "2026-01-09T00:00:00Z",
      });
      expect((await t.storage.runs.list("t1", 2)).map((r) => r.id)).toEqual(["c", "b"]);
    });

    test("lastSucceeded is the newest succeeded run of the given kinds, with its watermark", async () => {
      const runs = [
        { id: "i", kind: "initial", day: "01", status: "succeeded", watermark: "2026-01-01T00:00:00Z" },
        { id: "n1", kind: "incremental", day: "02", status: "succeeded", watermark: "2026-01-02T00:00:00Z" },
        { id: "n2", kind: "incremental", day: "03", status: "failed", watermark: null },
        { id: "f", kind: "full", day: "04", status: "succeeded", watermark: "2026-01-04T00:00:00Z" },
        { id: "r", kind: "incremental", day: "05", status: "running", watermark: null },
      ] as const;
      for (const r of runs) {
        await t.storage.runs.create({
          id: r.id,
          tenantId: "t1",
          kind: r.kind,
          startedAt: `2026-01-${r.day}T00:00:00Z`,
        });
        if (r.status !== "running") {
          await t.storage.runs.finish("t1", r.id, {
            status: r.status,
            finishedAt: `2026-01-${r.day}T01:00:00Z`,
            watermark: r.watermark,
          });
        }
      }
      expect((await t.storage.runs.lastSucceeded("t1", ["initial", "incremental"]))?.id).toBe("n1");
      const last = await t.storage.runs.lastSucceeded("t1", ["initial", "incremental", "full"]);
      expect(last).toMatchObject({ id: "f", watermark: "2026-01-04T00:00:00Z" });
      expect(await t.storage.runs.lastSucceeded("t2", ["full"])).toBeNull();
      expect(await t.storage.runs.lastSucceeded("t1", [])).toBeNull();
      // However it ended, or still running: when a full sync was last tried (a failed one waits to retry).
      expect((await t.storage.runs.lastStarted("t1", ["initial", "incremental"]))?.id).toBe("r");
      expect((await t.storage.runs.lastStarted("t1", ["full"]))?.id).toBe("f");
      expect(await t.storage.runs.lastStarted("t2", ["full"])).toBeNull();
    });

    test("a running run waits for the next day's budget until a time, then no longer; an ended run is left alone", async () => {
      const start = (id: string) =>
        t.storage.runs.create({ id, tenantId: "t1", kind: "full", startedAt: "2026-01-01T00:00:00Z" });
      await start("r1");
      await t.storage.runs.deferUntil("t1", "r1", "2026-01-02T09:00:00+09:00");
      expect((await t.storage.runs.get("t1", "r1"))?.deferredUntil).toBe("2026-01-02T00:00:00.000Z");
      await t.storage.runs.deferUntil("t1", "r1", null);
      expect((await t.storage.runs.get("t1", "r1"))?.deferredUntil).toBeNull();
      await t.storage.runs.finish("t1", "r1", { status: "succeeded", finishedAt: "2026-01-02T01:00:00Z" });
      await t.storage.runs.deferUntil("t1", "r1", "2026-01-03T00:00:00Z");
      expect((await t.storage.runs.get("t1", "r1"))?.deferredUntil).toBeNull();
    });

    test("a full run records how many customers it unlinked, in its own tenant only", async () => {
      await t.storage.runs.create({
        id: "f1",
        tenantId: "t1",
        kind: "full",
        startedAt: "2026-01-01T00:00:00Z",
      });
      await t.storage.runs.recordUnlinked("t2", "f1", 9);
      expect((await t.storage.runs.get("t1", "f1"))?.unlinked).toBe(0);
      await t.storage.runs.recordUnlinked("t1", "f1", 3);
      expect((await t.storage.runs.get("t1", "f1"))?.unlinked).toBe(3);
    });

    test("issues: kept in the order reported, one per record, readable only in the run's tenant", async () => {
      await t.storage.runs.create({
        id: "r1",
        tenantId: "t1",
        kind: "initial",
        startedAt: "2026-01-01T00:00:00Z",
      });
      await t.storage.runs.addIssues("r1", [
        { recordId: "30", kind: "skipped", reason: "NAME_AND_COMPANY_EMPTY", detail: null },
        { recordId: "4", kind: "failed", reason: "LINK_CONFLICT", detail: "customer c9" },
      ]);
      await t.storage.runs.addIssues("r1", [
        { recordId: "200", kind: "skipped", reason: "NAME_AND_COMPANY_EMPTY", detail: null },
        // Met again after a resume: replaces the earlier issue and keeps its place.
        { recordId: "4", kind: "skipped", reason: "UNCHANGED", detail: null },
      ]);
      await t.storage.runs.addIssues("r1", []);

      expect(await t.storage.runs.issues("t1", "r1", 10)).toEqual([
        { recordId: "30", kind: "skipped", reason: "NAME_AND_COMPANY_EMPTY", detail: null },
        { recordId: "4", kind: "skipped", reason: "UNCHANGED", detail: null },
        { recordId: "200", kind: "skipped", reason: "NAME_AND_COMPANY_EMPTY", detail: null },
      ]);
      expect(await t.storage.runs.issues("t1", "r1", 2)).toHaveLength(2);
      expect(await t.storage.runs.issues("t2", "r1", 10)).toEqual([]);
    });

    test("many issues in one call", async () => {
      await t.storage.runs.create({
        id: "r1",
        tenantId: "t1",
        kind: "initial",
        startedAt: "2026-01-01T00:00:00Z",
      });
      const issues = Array.from({ length: 1000 }, (_, i) => ({
        recordId: String(i),
        kind: "skipped" as const,
        reason: "NAME_AND_COMPANY_EMPTY",
        detail: null,
      }));
      await t.storage.runs.addIssues("r1", issues);
      const stored = await t.storage.runs.issues("t1", "r1", 2000);
      expect(stored.map((i) => i.recordId)).toEqual(issues.map((i) => i.recordId));
    });
  });
});
