import { describe, expect, test } from "vitest";
import { STORAGE_KINDS, tenantRow, useTempStorage } from "./testing.ts";

describe.each(STORAGE_KINDS)("on %s", (kind) => {
  const t = useTempStorage(kind, ["t1"]);

  const NOW = "2026-01-01T00:00:00.000Z";
  const minutes = (n: number) => new Date(Date.parse(NOW) + n * 60_000).toISOString();
  const LEASE = 60_000;

  describe("jobs", () => {
    test("enqueue then claim: running, leased, attempt counted, payload intact", async () => {
      const job = await t.storage.jobs.enqueue({
        id: "j1",
        tenantId: "t1",
        kind: "import",
        payload: { runId: "r1", mode: "full" },
        runAt: NOW,
        createdAt: NOW,
      });
      expect(job).toMatchObject({ status: "queued", attempts: 0, leaseUntil: null });

      const claimed = await t.storage.jobs.claim(NOW, LEASE);
      expect(claimed).toMatchObject({
        id: "j1",
        status: "running",
        attempts: 1,
        leaseUntil: minutes(1),
        payload: { runId: "r1", mode: "full" },
      });
      expect(await t.storage.jobs.claim(NOW, LEASE)).toBeNull();
    });

    test("takes the oldest due job; a job not yet due waits", async () => {
      await t.storage.jobs.enqueue({
        id: "later",
        tenantId: "t1",
        kind: "k",
        payload: null,
        runAt: minutes(5),
      });
      await t.storage.jobs.enqueue({
        id: "second",
        tenantId: "t1",
        kind: "k",
        payload: null,
        runAt: minutes(-1),
      });
      await t.storage.jobs.enqueue({
        id: "first",
        tenantId: "t1",
        kind: "k",
        payload: null,
        runAt: minutes(-2),
      });
      expect((await t.storage.jobs.claim(NOW, LEASE))?.id).toBe("first");
      await t.storage.jobs.complete("first", NOW);
      expect((await t.storage.jobs.claim(NOW, LEASE))?.id).toBe("second");
      await t.storage.jobs.complete("second", NOW);
      expect(await t.storage.jobs.claim(NOW, LEASE)).toBeNull();
      expect((await t.storage.jobs.claim(minutes(5), LEASE))?.id).toBe("later");
    });

    test("claims only the given kinds", async () => {
      await t.storage.jobs.enqueue({
        id: "imp",
        tenantId: "t1",
        kind: "import",
        payload: null,
        runAt: minutes(-2),
      });
      await t.storage.jobs.enqueue({
        id: "exp",
        tenantId: "t1",
        kind: "export",
        payload: null,
        runAt: minutes(-1),
      });
      expect((await t.storage.jobs.claim(NOW, LEASE, ["export"]))?.id).toBe("exp");
      expect(await t.storage.jobs.claim(NOW, LEASE, [])).toBeNull();
      expect((await t.storage.jobs.claim(NOW, LEASE, ["import", "export"]))?.id).toBe("imp");
    });

    test("a running job whose lease expired is claimed again; one whose lease holds is not", async () => {
      await t.storage.jobs.enqueue({ id: "j1", tenantId: "t1", kind: "k", payload: null, runAt: NOW });
      await t.storage.jobs.claim(NOW, LEASE);

      // Lease valid (until +1 min): nobody else may take it.
      expect(await t.storage.jobs.claim(minutes(0.5), LEASE)).toBeNull();
      // The worker died: after the lease, the job is taken again and the attempt counted.
      const again = await t.storage.jobs.claim(minutes(1), LEASE);
      expect(again).toMatchObject({ id: "j1", status: "running", attempts: 2, leaseUntil: minutes(2) });
    });

    test("an abandoned job (its worker died) is resumed before queued ones; ties go by id", async () => {
      await t.storage.jobs.enqueue({ id: "b-queued", tenantId: "t1", kind: "k", payload: null, runAt: NOW });
      await t.storage.jobs.enqueue({ id: "a-queued", tenantId: "t1", kind: "k", payload: null, runAt: NOW });
      await t.storage.jobs.enqueue({
        id: "later",
        tenantId: "t1",
        kind: "k",
        payload: null,
        runAt: minutes(1),
      });
      expect((await t.storage.jobs.claim(minutes(1), LEASE))?.id).toBe("a-queued");
      // a-queued's worker dies; at +2 min its lease is over while b-queued and later still wait.
      expect((await t.storage.jobs.claim(minutes(2), LEASE))?.id).toBe("a-queued");
      expect((await t.storage.jobs.claim(minutes(2), LEASE))?.id).toBe("b-queued");
      expect((await t.storage.jobs.claim(minutes(2), LEASE))?.id).toBe("later");
      expect(await t.storage.jobs.claim(minutes(2), LEASE)).toBeNull();
    });

    test("heartbeat extends the lease of a running job only", async () => {
      await t.storage.jobs.enqueue({ id: "j1", tenantId: "t1", kind: "k", payload: null, runAt: NOW });
      await t.storage.jobs.claim(NOW, LEASE);
      expect(await t.storage.jobs.heartbeat("j1", minutes(10))).toBe(true);
      expect(await t.storage.jobs.claim(minutes(5), LEASE)).toBeNull();
      await t.storage.jobs.complete("j1", minutes(6));
      expect(await t.storage.jobs.heartbeat("j1", minutes(20))).toBe(false);
      expect(await t.storage.jobs.claim(minutes(30), LEASE)).toBeNull();
      expect(await t.storage.jobs.pending("t1", "k")).toEqual([]);
    });

    test("fail with a retry time queues the job again for then; without one it fails for good", async () => {
      await t.storage.jobs.enqueue({ id: "j1", tenantId: "t1", kind: "k", payload: null, runAt: NOW });
      await t.storage.jobs.claim(NOW, LEASE);
      await t.storage.jobs.fail("j1", NOW, "kintone 503", minutes(10));

      const [queued] = await t.storage.jobs.pending("t1", "k");
      expect(queued).toMatchObject({
        status: "queued",
        runAt: minutes(10),
        lastError: "kintone 503",
        leaseUntil: null,
      });
      expect(await t.storage.jobs.claim(minutes(9), LEASE)).toBeNull();
      const retried = await t.storage.jobs.claim(minutes(10), LEASE);
      expect(retried?.attempts).toBe(2);

      await t.storage.jobs.fail("j1", minutes(10), "still failing", null);
      expect(await t.storage.jobs.pending("t1", "k")).toEqual([]);
      expect(await t.storage.jobs.claim(minutes(100), LEASE)).toBeNull();
    });

    test("pending lists queued and running jobs of one kind for the tenant", async () => {
      await t.storage.tenants.create(tenantRow("t2"));
      await t.storage.jobs.enqueue({
        id: "a",
        tenantId: "t1",
        kind: "import",
        payload: null,
        runAt: minutes(-1),
      });
      await t.storage.jobs.enqueue({
        id: "b",
        tenantId: "t1",
        kind: "import",
        payload: null,
        runAt: minutes(3),
      });
      await t.storage.jobs.enqueue({ id: "c", tenantId: "t1", kind: "export", payload: null, runAt: NOW });
      await t.storage.jobs.enqueue({ id: "d", tenantId: "t2", kind: "import", payload: null, runAt: NOW });
      await t.storage.jobs.claim(NOW, LEASE, ["import"]);
      expect((await t.storage.jobs.pending("t1", "import")).map((j) => [j.id, j.status])).toEqual([
        ["a", "running"],
        ["b", "queued"],
      ]);
    });

    test("concurrent claims never return the same job", async () => {
      for (let i = 0; i < 20; i++) {
        await t.storage.jobs.enqueue({ id: `j${i}`, tenantId: "t1", kind: "k", payload: { i }, runAt: NOW });
      }
      const claims = await Promise.all(Array.from({ length: 30 }, () => t.storage.jobs.claim(NOW, LEASE)));
      const ids = claims.flatMap((c) => (c === null ? [] : [c.id]));
      expect(ids).toHaveLength(20);
      expect(new Set(ids).size).toBe(20);
    });

    test("two Storage instances on the same database (two processes) never claim the same job", async () => {
      const { openStorage } = await import("./open-storage.ts");
      const other = await openStorage({ dataDir: t.dataDir, databaseUrl: t.databaseUrl });
      try {
        for (let i = 0; i < 10; i++) {
          await t.storage.jobs.enqueue({ id: `j${i}`, tenantId: "t1", kind: "k", payload: null, runAt: NOW });
        }
        const claims = await Promise.all(
          Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? t.storage : other).jobs.claim(NOW, LEASE)),
        );
        const ids = claims.flatMap((c) => (c === null ? [] : [c.id]));
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).toHaveLength(10);
      } finally {
        await other.close();
      }
    });

    test("prune deletes finished jobs older than their cut-off and nothing else", async () => {
      // Each job due a minute after the one before, so each claim takes the next one.
      const ids = ["old-done", "old-failed", "new-done", "new-failed", "running", "queued"];
      for (const [i, id] of ids.entries()) {
        await t.storage.jobs.enqueue({ id, tenantId: "t1", kind: "k", payload: null, runAt: minutes(i) });
      }
      const claimNext = async (at: string) => (await t.storage.jobs.claim(at, LEASE))?.id;
      expect(await claimNext(minutes(10))).toBe("old-done");
      await t.storage.jobs.complete("old-done", minutes(10));
      expect(await claimNext(minutes(10))).toBe("old-failed");
      await t.storage.jobs.fail("old-failed", minutes(10), "kintone refused", null);
      expect(await claimNext(minutes(100))).toBe("new-done");
      await t.storage.jobs.complete("new-done", minutes(100));
      expect(await claimNext(minutes(100))).toBe("new-failed");
      await t.storage.jobs.fail("new-failed", minutes(100), "kintone refused", null);
      expect(await claimNext(minutes(100))).toBe("running");

      expect(await t.storage.jobs.prune({ done: minutes(50), failed: minutes(50) })).toBe(2);
      const left = await t.storage.jobs.pending("t1", "k");
      expect(left.map((j) => j.id).sort()).toEqual(["queued", "running"]);
      // The cut-offs are separate: failed jobs may be kept longer than done ones.
      expect(await t.storage.jobs.prune({ done: minutes(200), failed: minutes(50) })).toBe(1);
      expect(await t.storage.jobs.prune({ done: minutes(200), failed: minutes(200) })).toBe(1);
    });
  });
});
