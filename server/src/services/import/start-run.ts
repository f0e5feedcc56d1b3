import { randomUUID } from "node:crypto";
import { nextWatermark } from "@front-agent/shared";
import { DomainError } from "../../domain-error.ts";
import {
  type ImportRunKind,
  type ImportRunRow,
  isUniqueViolation,
  type Storage,
} from "../../storage/index.ts";
import type { ImportPlan } from "./plan.ts";
import { type ScheduleOptions, type SyncSchedule, syncSchedule } from "./schedule.ts";

export const IMPORT_JOB = "import";

export class ImportAlreadyRunningError extends DomainError {
  readonly code = "IMPORT_ALREADY_RUNNING";
  readonly httpStatus = 409;

  constructor(readonly runId: string) {
    super("an import run is already running for this tenant");
  }

  override details() {
    return { runId: this.runId };
  }
}

/**
 * Starts an import run: the run is recorded (status running) and a durable job queued for it, so a run
 * outlives the process that started it. One run per tenant at a time.
 */
export async function startImportRun(
  storage: Storage,
  tenantId: string,
  kind: ImportRunKind,
  now: Date,
  plan: ImportPlan | null = null,
): Promise<ImportRunRow> {
  try {
    return await createRun(storage, tenantId, kind, now, plan);
  } catch (error) {
    // Another process started one between our look and our insert: the database allows one running run
    // per tenant (migration 0009), and this answer is the same as if we had seen it.
    if (!isUniqueViolation(error)) throw error;
    const running = await storage.runs.running(tenantId);
    throw new ImportAlreadyRunningError(running?.id ?? "");
  }
}

function createRun(
  storage: Storage,
  tenantId: string,
  kind: ImportRunKind,
  now: Date,
  plan: ImportPlan | null,
): Promise<ImportRunRow> {
  return storage.transaction(async (tx) => {
    const running = await tx.runs.running(tenantId);
    if (running && !(await endLostRun(tx, running, now))) throw new ImportAlreadyRunningError(running.id);
    const run = await tx.runs.create({
      id: randomUUID(),
      tenantId,
      kind,
      startedAt: now.toISOString(),
      // SPEC I10: the next incremental run reads from this minute (minus one), so nothing updated while
      // this run reads is lost.
      watermark: nextWatermark(now),
      // What the save that started the run already read of the app; the run takes it while it is fresh.
      resume: plan ? { plan } : null,
    });
    await tx.jobs.enqueue({
      tenantId,
      kind: IMPORT_JOB,
      payload: { runId: run.id },
      runAt: now.toISOString(),
    });
    return run;
  });
}

/**
 * A run is only running while a job carries it (queued, running, or abandoned by a dead process and
 * taken again). One whose job is gone — failed for good, finished without ending it, pruned — would hold
 * every later sync at 409 for ever: it is ended as failed, and true is answered.
 */
export async function endLostRun(storage: Storage, run: ImportRunRow, now: Date): Promise<boolean> {
  if (run.status !== "running") return false;
  const jobs = await storage.jobs.pending(run.tenantId, IMPORT_JOB);
  if (jobs.some((job) => (job.payload as { runId?: string } | null)?.runId === run.id)) return false;
  return storage.runs.failIfRunning(run.tenantId, run.id, {
    finishedAt: now.toISOString(),
    error: "IMPORT_INTERRUPTED",
  });
}

/**
 * When each kind of sync is next due for a tenant (services/import/schedule.ts decides, from its runs):
 * what the scheduler starts and what the status panel shows.
 */
export async function loadSyncSchedule(
  storage: Storage,
  tenantId: string,
  options: ScheduleOptions,
): Promise<SyncSchedule> {
  const [[latest], lastSucceeded, lastWhole, lastFull] = await Promise.all([
    storage.runs.list(tenantId, 1),
    storage.runs.lastSucceeded(tenantId, ["initial", "incremental", "full"]),
    storage.runs.lastSucceeded(tenantId, ["initial", "full"]),
    storage.runs.lastStarted(tenantId, ["full"]),
  ]);
  return syncSchedule({ latest: latest ?? null, lastSucceeded, lastWhole, lastFull }, options);
}

/** The status panel's `nextSyncAt`: the next incremental sync, none before a first import succeeded. */
export function nextSyncAt(schedule: SyncSchedule): Date | null {
  return schedule.sync?.kind === "incremental" ? schedule.sync.at : null;
}
