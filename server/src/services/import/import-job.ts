import type { ImportRunRow, JobRow } from "../../storage/index.ts";
import { RetryLater } from "../jobs/retry-later.ts";
import type { RequestBudget } from "../request-budget.ts";
import { executeImportRun, fullRunRequests, type ImportDeps } from "./execute-run.ts";
import { importFailureCode, isExpectedFailure } from "./failure-code.ts";

export interface ImportJobDeps extends ImportDeps {
  budget: Pick<RequestBudget, "deferIfSpent" | "deferUnlessFits">;
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
    await waitForBudget(deps, job.tenantId, runId);
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

/**
 * A good kintone citizen: a run waits for the next day (RetryLater; its job is queued again for then, the
 * run stays running and says until when) once the backend's share of the customer app's daily requests is
 * spent. A full run must also fit in what is left of it: it cannot stop half-way and go on the next day
 * (its reconciliation needs every id seen in one go), so what it will read is counted first (one request)
 * and, if today's use and that would pass the share, it waits rather than pass it.
 */
async function waitForBudget(deps: ImportJobDeps, tenantId: string, runId: string): Promise<void> {
  const run = await deps.storage.runs.get(tenantId, runId);
  if (run?.status !== "running") return;
  const { settings, gateway } = await deps.connect(tenantId);
  const appId = settings.customerApp.appId;
  try {
    await deps.budget.deferIfSpent(tenantId, [appId]);
    if (run.kind === "full") {
      const records = await gateway.count(appId);
      await deps.budget.deferUnlessFits(tenantId, appId, fullRunRequests(records));
    }
  } catch (error) {
    if (error instanceof RetryLater)
      await deps.storage.runs.deferUntil(tenantId, runId, error.at.toISOString());
    throw error;
  }
  if (run.deferredUntil !== null) await deps.storage.runs.deferUntil(tenantId, runId, null);
}

async function reportEnded(deps: ImportJobDeps, tenantId: string, runId: string): Promise<void> {
  const run = await deps.storage.runs.get(tenantId, runId);
  if (run && run.status !== "running") deps.onEnded?.(run);
}
