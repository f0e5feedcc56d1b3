import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { openTempStorage, type TempStorage, tenantRow } from "../../storage/testing.ts";
import { eventuallyTrue } from "./test-support.ts";
import { JobWorker, RetryLater } from "./worker.ts";

let temp: TempStorage;
beforeEach(async () => {
  temp = await openTempStorage();
  await temp.storage.tenants.create(tenantRow("t1"));
});
afterEach(() => temp.dispose());

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
});
