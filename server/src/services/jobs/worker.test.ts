import { describe, expect, test } from "vitest";
import { forEachDatabase, useTempStorage } from "../../storage/testing.ts";
import { RetryLater } from "./retry-later.ts";
import { eventuallyTrue } from "./test-support.ts";
import { JobWorker } from "./worker.ts";

forEachDatabase((database) => {
  const temp = useTempStorage(database, ["t1"]);

  describe("JobWorker", () => {
    test("a handler's RetryLater queues the job again for later instead of failing it; an error fails it", async () => {
      const runs: string[] = [];
      const worker = new JobWorker({
        storage: temp.storage,
        now: () => new Date(),
        pollMs: 20,
        handlers: {
          flaky: async (job) => {
            runs.push(job.id);
            if (runs.length < 3) throw new RetryLater(new Date(Date.now() + 10), "kintone busy");
          },
          broken: async () => {
            throw new Error("bug");
          },
        },
      });
      const flaky = await temp.storage.jobs.enqueue({
        tenantId: "t1",
        kind: "flaky",
        payload: {},
        runAt: new Date().toISOString(),
      });
      const broken = await temp.storage.jobs.enqueue({
        tenantId: "t1",
        kind: "broken",
        payload: {},
        runAt: new Date().toISOString(),
      });
      worker.start();
      try {
        await eventuallyTrue(
          async () => runs.length === 3 && (await temp.storage.jobs.pending("t1", "flaky")).length === 0,
        );
        expect(runs).toEqual([flaky.id, flaky.id, flaky.id]);
        await eventuallyTrue(async () => (await temp.storage.jobs.pending("t1", "broken")).length === 0);
        expect(broken.id).toBeTruthy();
      } finally {
        await worker.stop();
      }
    });

    test("a batched kind is taken several at once and run side by side; the others one at a time", async () => {
      const running = { export: 0, import: 0 };
      const peak = { export: 0, import: 0 };
      const done: string[] = [];
      const hold = (kind: "export" | "import") => async () => {
        running[kind]++;
        peak[kind] = Math.max(peak[kind], running[kind]);
        await new Promise((r) => setTimeout(r, 30));
        running[kind]--;
        done.push(kind);
      };
      const worker = new JobWorker({
        storage: temp.storage,
        now: () => new Date(),
        pollMs: 20,
        handlers: { export: hold("export"), import: hold("import") },
        batches: { export: 4 },
      });
      for (let i = 0; i < 8; i++) {
        for (const kind of ["export", "import"]) {
          await temp.storage.jobs.enqueue({
            tenantId: "t1",
            kind,
            payload: {},
            runAt: new Date().toISOString(),
          });
        }
      }
      worker.start();
      try {
        // A handler's end comes a moment before the worker records the job done: wait for both.
        await eventuallyTrue(
          async () =>
            done.length === 16 &&
            (await temp.storage.jobs.pending("t1", "export")).length === 0 &&
            (await temp.storage.jobs.pending("t1", "import")).length === 0,
        );
        expect(peak.export).toBe(4);
        expect(peak.import).toBe(1);
        expect(await temp.storage.jobs.pending("t1", "export")).toEqual([]);
        expect(await temp.storage.jobs.pending("t1", "import")).toEqual([]);
      } finally {
        await worker.stop();
      }
    });

    test("a new job wakes an idle worker at once, and stop() waits for the jobs in hand", async () => {
      let finished = 0;
      const worker = new JobWorker({
        storage: temp.storage,
        now: () => new Date(),
        pollMs: 60_000,
        handlers: {
          export: async () => {
            await new Promise((r) => setTimeout(r, 50));
            finished++;
          },
        },
        batches: { export: 3 },
      });
      worker.start();
      await new Promise((r) => setTimeout(r, 30));
      for (let i = 0; i < 3; i++) {
        await temp.storage.jobs.enqueue({
          tenantId: "t1",
          kind: "export",
          payload: {},
          runAt: new Date().toISOString(),
        });
      }
      worker.notify();
      await new Promise((r) => setTimeout(r, 20));
      await worker.stop();
      expect(finished).toBe(3);
    });
    test("a job queued while the worker is still looking (the notice arriving before it waits) runs at once, not a poll later", async () => {
      const ran: string[] = [];
      let worker: JobWorker | undefined;
      let raced = false;
      // The first look finds nothing; before it ends, a job is committed and the notice sent (as the HTTP
      // thread does for a settings save). The notice comes before the worker waits: it must not be lost.
      const storage = {
        ...temp.storage,
        transaction: <T>(work: (tx: typeof temp.storage) => Promise<T>) =>
          temp.storage.transaction(async (tx) => {
            const result = await work(tx);
            if (!raced) {
              raced = true;
              await tx.jobs.enqueue({
                tenantId: "t1",
                kind: "import",
                payload: {},
                runAt: new Date().toISOString(),
              });
              worker?.notify();
            }
            return result;
          }),
      } as typeof temp.storage;
      worker = new JobWorker({
        storage,
        now: () => new Date(),
        // A poll this slow would time the check out: only the notice can wake the worker in time.
        pollMs: 60_000,
        handlers: {
          import: async (job) => {
            ran.push(job.id);
          },
        },
      });
      worker.start();
      try {
        await eventuallyTrue(async () => ran.length === 1, 3000);
      } finally {
        await worker.stop();
      }
    });
  });
});
