import type { ImportRunRow, Storage } from "../storage/index.ts";
import { Refused } from "./exports/refused.ts";
import { loadSyncSchedule, nextSyncAt } from "./import/start-run.ts";
import type { RequestBudget } from "./request-budget.ts";
import { storedSettings } from "./settings.ts";

export interface StatusDeps {
  storage: Storage;
  budget: Pick<RequestBudget, "usage" | "dailyLimit">;
  /** The operator's ceiling on the first import's cap (MAX_INITIAL_RECORDS). */
  maxInitialRecords: number;
}

/**
 * GET /v1/kintone/status's figures: the latest runs (the route renders them), when the next syncs are
 * due, the directory's and the exports' counts, today's kintone requests and the operator's limits.
 */
export async function tenantStatus(deps: StatusDeps, tenantId: string) {
  const { storage, budget } = deps;
  const settings = await storedSettings(storage, tenantId);
  const [runs, customers, exportCounts, schedule, requestsToday] = await Promise.all([
    storage.runs.list(tenantId, 20),
    storage.customers.counts(tenantId),
    storage.exports.counts(tenantId),
    settings ? loadSyncSchedule(storage, tenantId, settings.options) : Promise.resolve(null),
    budget.usage(tenantId),
  ]);
  return {
    runs,
    nextSyncAt: (schedule && nextSyncAt(schedule))?.toISOString() ?? null,
    // The next scheduled 全件同期; null when turned off (fullSyncIntervalDays 0) or nothing imported yet.
    nextFullSyncAt: schedule?.fullAt?.toISOString() ?? null,
    customers,
    exports: {
      written: exportCounts.written,
      skipped: exportCounts.skipped,
      failed: exportCounts.failed,
      queued: exportCounts.queued,
      needsReview: exportCounts.needs_review,
      // Not in API.md (extra fields are allowed): of the queued, those waiting for tomorrow's budget.
      deferred: exportCounts.deferred,
    },
    // Not in API.md (extra fields are allowed): the backend's kintone requests today per app, and the
    // daily limit it keeps within (it waits for the next day at 80% of it).
    kintoneRequests: {
      dailyLimit: budget.dailyLimit,
      today: Object.fromEntries(requestsToday),
    },
    // What the operator allows: the settings screen tells the administrator before a save is refused.
    limits: { maxInitialRecords: deps.maxInitialRecords },
  };
}

/** Why each record of a run was skipped or failed (SPEC I12), the first 1000; NOT_FOUND for no such run. */
export async function runIssues(storage: Storage, tenantId: string, runId: string) {
  const run: ImportRunRow | null = await storage.runs.get(tenantId, runId);
  if (!run) throw new Refused("NOT_FOUND");
  return { run, issues: await storage.runs.issues(tenantId, run.id, 1000) };
}
