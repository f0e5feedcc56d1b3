import { describe, expect, test } from "vitest";
import { forEachDatabase, useTempStorage } from "../../storage/testing.ts";
import { scheduleDueSyncs } from "../jobs/scheduler.ts";
import { storeTemplateSettings } from "../testing.ts";
import { IMPORT_JOB, ImportAlreadyRunningError, startImportRun } from "./start-run.ts";

const NOW = new Date("2026-11-25T00:00:00.000Z");
const later = (ms: number) => new Date(NOW.getTime() + ms);

forEachDatabase((database) => {
  const t = useTempStorage(database, ["t1"]);

  /** A run started the way the backend starts one, its job then taken by a worker. */
  async function runWithClaimedJob() {
    const run = await startImportRun(t.storage, "t1", "incremental", NOW);
    const [job] = await t.storage.jobs.pending("t1", IMPORT_JOB);
    expect(await t.storage.jobs.claim(NOW.toISOString(), 60_000, [IMPORT_JOB])).toMatchObject({
      id: job?.id,
    });
    return { run, jobId: job?.id as string };
  }

  describe("startImportRun and a run whose job is gone", () => {
    test.each([
      ["queued", async () => (await startImportRun(t.storage, "t1", "incremental", NOW)).id],
      // Asked after the job's lease ended: a dead process's job is taken again, so its run goes on.
      ["taken by a worker", async () => (await runWithClaimedJob()).run.id],
    ])("a run whose job is %s still holds the tenant: 409", async (_name, start) => {
      const runId = await start();
      const second = startImportRun(t.storage, "t1", "full", later(120_000));
      await expect(second).rejects.toBeInstanceOf(ImportAlreadyRunningError);
      expect((await t.storage.runs.get("t1", runId))?.status).toBe("running");
    });

    test.each([
      [
        "failed for good",
        async (jobId: string) => t.storage.jobs.fail(jobId, NOW.toISOString(), "origin not allowed", null),
      ],
      [
        "done without ending its run",
        async (jobId: string) => t.storage.jobs.complete(jobId, NOW.toISOString()),
      ],
      [
        "pruned",
        async (jobId: string) => {
          await t.storage.jobs.fail(jobId, NOW.toISOString(), "origin not allowed", null);
          await t.storage.jobs.prune({ done: later(1).toISOString(), failed: later(1).toISOString() });
        },
      ],
    ])(
      "a run whose job was %s is ended as failed (IMPORT_INTERRUPTED) and the next one starts",
      async (_n, end) => {
        const { run, jobId } = await runWithClaimedJob();
        await end(jobId);
        const next = await startImportRun(t.storage, "t1", "incremental", later(1000));
        expect(next.id).not.toBe(run.id);
        expect(await t.storage.runs.get("t1", run.id)).toMatchObject({
          status: "failed",
          error: "IMPORT_INTERRUPTED",
          finishedAt: later(1000).toISOString(),
        });
        expect((await t.storage.runs.running("t1"))?.id).toBe(next.id);
      },
    );
  });

  describe("scheduleDueSyncs and a run whose job is gone", () => {
    test("the stuck run is ended and the due sync starts", async () => {
      await storeTemplateSettings(t.storage, "t1", NOW);
      const first = await t.storage.runs.create({
        id: "r0",
        tenantId: "t1",
        kind: "initial",
        startedAt: NOW.toISOString(),
      });
      await t.storage.runs.finish("t1", first.id, { status: "succeeded", finishedAt: NOW.toISOString() });
      const { run, jobId } = await runWithClaimedJob();
      await t.storage.jobs.fail(jobId, NOW.toISOString(), "origin not allowed", null);

      const dayLater = later(25 * 3_600_000);
      expect(await scheduleDueSyncs(t.storage, dayLater)).toBe(1);
      expect((await t.storage.runs.get("t1", run.id))?.status).toBe("failed");
      expect(await t.storage.runs.running("t1")).toMatchObject({
        kind: "incremental",
        startedAt: dayLater.toISOString(),
      });
    });
  });
});
