import type { ImportRunRow, JobRow } from "../../storage/index.ts";
import { RetryLater } from "../jobs/worker.ts";
import type { RequestBudget } from "../request-budget.ts";
import { importFailureCode, isExpectedFailure } from "./failure-code.ts";
import { executeImportRun, type ImportDeps } from "./run-import.ts";

export interface ImportJobDeps extends ImportDeps {
  budget: Pick<RequestBudget, "deferIfSpent">;
  /** The run ended (succeeded or failed), whichever way it got there. */
  onEnded?(run: ImportRunRow): void;
}

/**
 * The import job: connect, mind the daily budget, run. Whatever throws on the way, the run ends as failed
 * with its reason: a run left `running` after its job failed (the backend restarted without the kintone
 * origin allowed, or with another SECRET_KEY) held every later sync at 409 for ever (issue 12 #8).
 * Only a deferral (RetryLater) keeps the run running, since its job is queued again.
 */
export async function runImportJob(deps: ImportJobDeps, job: JobRow): Promise<void> {
  const { storage } = deps;
  const { runId } = job.payload as { runId: string };
  try {
    const { settings } = await deps.connect(job.tenantId);
    await deps.budget.deferIfSpent(job.tenantId, [settings.customerApp.appId]);
    await executeImportRun(deps, job.tenantId, runId);
  } catch (error) {
    if (error instanceof RetryLater) throw error;
    await storage.runs.failIfRunning(job.tenantId, runId, {
      finishedAt: deps.now().toISOString(),
      error: importFailureCode(error),
    });
    await reportEnded(deps, job.tenantId, runId);
    // The run says why; a fault of ours also fails the job, so the worker logs it.
    if (!isExpectedFailure(error)) throw error;
    return;
  }
  await reportEnded(deps, job.tenantId, runId);
}

async function reportEnded(deps: ImportJobDeps, tenantId: string, runId: string): Promise<void> {
  const run = await deps.storage.runs.get(tenantId, runId);
  if (run && run.status !== "running") deps.onEnded?.(run);
}
