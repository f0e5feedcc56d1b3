// Issue 14: what must hold across processes sharing one database. Each "process" here is a holder with
// its own Storage connection (on PostgreSQL a separate pool), so the database is what keeps them apart.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Storage } from "../../storage/index.ts";
import { openStorage } from "../../storage/index.ts";
import { STORAGE_KINDS, useTempStorage } from "../../storage/testing.ts";
import { ImportAlreadyRunningError, startImportRun } from "../import/start-run.ts";
import { sleep } from "./holder.ts";
import { KintoneSlots } from "./kintone-slots.ts";
import { LeaseLock } from "./lease-lock.ts";
import { claimTick } from "./tick.ts";

describe.each(STORAGE_KINDS)("across processes on %s", (kind) => {
  const t = useTempStorage(kind, ["t1"]);
  let other: Storage;
  beforeEach(async () => {
    other = await openStorage({ dataDir: t.dataDir, databaseUrl: t.databaseUrl });
  });
  afterEach(() => other.close());
  const now = () => new Date();

  /** Runs `task` and counts how many run at once across all callers. */
  function gauge() {
    let running = 0;
    let peak = 0;
    return {
      get peak() {
        return peak;
      },
      async task() {
        running++;
        peak = Math.max(peak, running);
        await sleep(3);
        running--;
      },
    };
  }

  test("a lease lock lets one task at a time run, whichever process asks", async () => {
    const leaseMs = 5_000;
    const a = new LeaseLock({ storage: t.storage, holder: "p1", now, leaseMs, pollMs: 2 });
    const b = new LeaseLock({ storage: other, holder: "p2", now, leaseMs, pollMs: 2 });
    const g = gauge();
    await Promise.all(
      Array.from({ length: 16 }, (_, i) => (i % 2 ? a : b).run("customer-match:t1", () => g.task())),
    );
    expect(g.peak).toBe(1);
    // Given back: a third process takes it at once.
    expect(
      await t.storage.leases.take("customer-match:t1", "p3", now().toISOString(), now().toISOString()),
    ).toBe(true);
  });

  test("a tenant's kintone slots hold across processes: never more than the limit at once", async () => {
    const slots = (storage: Storage, holder: string) =>
      new KintoneSlots({
        storage,
        holder,
        now,
        tenantId: "t1",
        limit: 4,
        leaseMs: 5_000,
        pollMs: 2,
        lingerMs: 5,
      });
    const a = slots(t.storage, "p1");
    const b = slots(other, "p2");
    const g = gauge();
    await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).run(() => g.task())));
    expect(g.peak).toBeLessThanOrEqual(4);
    expect(a.peak).toBeGreaterThan(0);
    expect(b.peak).toBeGreaterThan(0);
    await Promise.all([a.close(), b.close()]);
  });

  test("a process that only answers HTTP gives its slots back as soon as it is idle: the jobs' first ask gets one (issue 16: the save's checks held up the first import ~400 ms)", async () => {
    const web = new KintoneSlots({
      storage: t.storage,
      holder: "web",
      now,
      tenantId: "t1",
      limit: 4,
      leaseMs: 5_000,
      lingerMs: 0,
    });
    const asks: Array<string | null> = [];
    const counting = {
      ...other,
      leases: {
        ...other.leases,
        takeAny: async (...args: Parameters<Storage["leases"]["takeAny"]>) => {
          const taken = await other.leases.takeAny(...args);
          asks.push(taken);
          return taken;
        },
      },
    } as Storage;
    const jobs = new KintoneSlots({
      storage: counting,
      holder: "jobs",
      now,
      tenantId: "t1",
      limit: 4,
      leaseMs: 5_000,
    });
    // The save's checks: a burst of four requests at once, then nothing.
    await Promise.all(Array.from({ length: 4 }, () => web.run(async () => {})));
    await new Promise((resolve) => setTimeout(resolve, 5));
    await jobs.run(async () => {});
    expect(asks[0]).not.toBeNull();
    await Promise.all([web.close(), jobs.close()]);
  });

  test("each scheduler tick fires in one process, however many ask and whenever in the tick they ask", async () => {
    const tick = 60_000;
    const base = Date.parse("2026-01-01T00:00:00.000Z");
    const asks = [
      [5_000, t.storage, "p1"],
      [6_000, other, "p2"],
      [59_999, other, "p2"],
      [59_999, t.storage, "p1"],
      [60_000, other, "p2"],
      [61_000, t.storage, "p1"],
      [150_000, t.storage, "p1"],
    ] as const;
    const fired: number[] = [];
    for (const [offset, storage, holder] of asks) {
      if (await claimTick(storage, holder, new Date(base + offset), tick)) fired.push(offset);
    }
    expect(fired).toEqual([5_000, 60_000, 150_000]);
  });

  test("slots held by a process that died come back when their lease ends", async () => {
    const leaseMs = 400;
    const at = now();
    for (let i = 0; i < 4; i++)
      await other.leases.take(
        `kintone:t1:${i}`,
        "dead",
        at.toISOString(),
        new Date(at.getTime() + leaseMs).toISOString(),
      );
    const alive = new KintoneSlots({
      storage: t.storage,
      holder: "p1",
      now,
      tenantId: "t1",
      limit: 4,
      leaseMs,
      pollMs: 10,
    });
    const started = Date.now();
    await alive.run(async () => {});
    expect(Date.now() - started).toBeGreaterThanOrEqual(leaseMs - 50);
    await alive.close();
  });
});

// PostgreSQL only: there two transactions really interleave. SQLite takes its one write lock at BEGIN
// IMMEDIATE, so the look and the insert are already one step; and two connections in one thread (this
// test's two "processes") would wait on each other's lock inside one synchronous call.
describe("across processes on postgres, at the same instant", () => {
  const t = useTempStorage("postgres", ["t1"]);
  let other: Storage;
  beforeEach(async () => {
    other = await openStorage({ dataDir: t.dataDir, databaseUrl: t.databaseUrl });
  });
  afterEach(() => other.close());

  test("two processes starting a sync at the same instant: one run starts, the other is told it runs", async () => {
    const at = new Date();
    const outcomes = await Promise.allSettled([
      startImportRun(t.storage, "t1", "incremental", at),
      startImportRun(other, "t1", "incremental", at),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === "rejected");
    expect(refused?.status === "rejected" && refused.reason).toBeInstanceOf(ImportAlreadyRunningError);
    expect(await t.storage.runs.list("t1", 10)).toHaveLength(1);
  });
});
