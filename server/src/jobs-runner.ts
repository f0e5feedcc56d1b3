import type { Log } from "./app.ts";
import type { Runtime } from "./runtime.ts";
import {
  buildCandidateIndex,
  CANDIDATE_INDEX_JOB,
  type IndexCompletion,
} from "./services/candidate-index.ts";
import { claimTick } from "./services/cluster/tick.ts";
import { EXPORT_JOB } from "./services/exports/intake.ts";
import { writeExport } from "./services/exports/write-export.ts";
import { runImportJob } from "./services/import/import-job.ts";
import { IMPORT_JOB } from "./services/import/start-run.ts";
import { pruneFinishedJobs, Scheduler, scheduleDueSyncs } from "./services/jobs/scheduler.ts";
import { JobWorker } from "./services/jobs/worker.ts";

/** How many exports are written at a time (their adds go to kintone as one request). */
const EXPORT_BATCH = 8;

export interface RunningJobs {
  /** New jobs were queued by this process: the idle lanes look at once. */
  notify(): void;
  /** Finishes the jobs in hand, then stops (the runtime stays open). */
  stop(): Promise<void>;
}

export interface JobsOptions {
  log: Log;
  /** A claimed job is this process's for this long; a dead process's job is taken again after it. */
  leaseMs: number;
  /** How often idle lanes look for jobs queued by other processes. */
  pollMs?: number;
}

/**
 * The job side of the backend: the worker that runs durable jobs (exports, import runs, candidate index
 * builds) and the scheduler (due syncs, pruning), once per tick across every process on the database.
 */
export function startJobs(runtime: Runtime, options: JobsOptions): RunningJobs {
  const { storage, now, metrics, connect, budget, forms, locks } = runtime;
  const { log } = options;
  // Before the first job: the first import of the process then writes its pages as fast as later ones.
  storage.prepareImport();
  let worker: JobWorker | undefined;
  const notify = () => worker?.notify();
  worker = new JobWorker({
    storage,
    now,
    leaseMs: options.leaseMs,
    ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
    onError: (job, error) =>
      log({ level: "error", msg: "job failed", job: job.id, kind: job.kind, error: String(error) }),
    batches: { [EXPORT_JOB]: EXPORT_BATCH },
    handlers: {
      [EXPORT_JOB]: async (job) => {
        const { exportId } = job.payload as { exportId: string };
        const status = await writeExport(
          { storage, now, connect, forms, budget, locks, onQueued: notify },
          job.tenantId,
          exportId,
        );
        if (status) metrics.inc("fa_exports_total", { status });
      },
      // Two builds of one index at once (two processes each queued one) would only double the reads.
      // A payload is a first import's completion (the records its window left out); none, a full build.
      [CANDIDATE_INDEX_JOB]: (job) =>
        locks.run(`candidate-index:${job.tenantId}`, () =>
          buildCandidateIndex({ storage, now, connect }, job.tenantId, job.payload as IndexCompletion | null),
        ),
      [IMPORT_JOB]: (job) =>
        runImportJob(
          {
            storage,
            now,
            connect,
            budget,
            maxInitialRecords: runtime.config.maxInitialRecords,
            onEnded: (run) => {
              metrics.inc("fa_import_runs_total", { kind: run.kind, status: run.status });
              for (const outcome of ["read", "created", "updated", "skipped", "failed"] as const) {
                metrics.inc("fa_import_records_total", { outcome }, run[outcome]);
              }
              log({
                level: "info",
                msg: "import run finished",
                tenant: job.tenantId,
                run: run.id,
                kind: run.kind,
                status: run.status,
                read: run.read,
                error: run.error,
              });
            },
          },
          job,
        ),
    },
  });
  let prunedAt = 0;
  const tickMs = runtime.config.schedulerTickMs;
  const scheduler = new Scheduler(async () => {
    if (!(await claimTick(storage, runtime.holder, now(), tickMs))) return;
    await scheduleDueSyncs(storage, now(), notify);
    // Once an hour is plenty for deleting week-old finished jobs.
    if (now().getTime() - prunedAt >= 3_600_000) {
      prunedAt = now().getTime();
      await pruneFinishedJobs(storage, now());
    }
  }, tickMs);
  worker.start();
  scheduler.start();
  return {
    notify,
    async stop() {
      scheduler.stop();
      await worker?.stop();
    },
  };
}
