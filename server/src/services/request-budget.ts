import { DAILY_BUDGET_SHARE } from "@front-agent/shared";
import { BUDGET_DEFERRED_REASON, type ExportRow } from "../storage/index.ts";
import { RetryLater } from "./jobs/retry-later.ts";
import type { RequestCounter } from "./request-counter.ts";

/** kintone counts requests per UTC day: its count resets at 09:00 JST, which is 00:00 UTC. */
export const requestDay = (now: Date) => now.toISOString().slice(0, 10);

const nextDay = (now: Date) => {
  const next = new Date(now);
  next.setUTCHours(24, 0, 0, 0);
  return next;
};

export interface RequestBudget {
  /** Today's requests per app of the tenant. */
  usage(tenantId: string): Promise<Map<string, number>>;
  /**
   * A good kintone citizen (SPEC): when the backend has used its share of an app's daily limit, the job
   * waits for the next day instead of using up the domain's budget. Throws RetryLater then.
   */
  deferIfSpent(tenantId: string, appIds: readonly string[]): Promise<void>;
  /**
   * Before work that cannot stop half-way and go on later (a full sync reads every record in one go, SPEC
   * I11): unless today's use of the app plus the work's `requests` stays within the backend's share, the
   * work waits for the next day (RetryLater) rather than pass it. Work larger than a whole day's share
   * would wait for ever: DailyBudgetTooSmallError instead.
   */
  deferUnlessFits(tenantId: string, appId: string, requests: number): Promise<void>;
  readonly dailyLimit: number;
}

/** Work that needs more requests than the backend may use in a whole day: no day would ever fit it. */
export class DailyBudgetTooSmallError extends Error {
  readonly code = "IMPORT_FULL_SYNC_OVER_BUDGET";
  constructor(
    readonly requests: number,
    readonly share: number,
  ) {
    super(`needs ${requests} kintone requests, more than the ${share} a day the backend may use`);
    this.name = "DailyBudgetTooSmallError";
  }
}

/** What `deferUnlessFits` decides, from today's use (pure, so each edge is tested on its own). */
export function budgetFit(used: number, requests: number, dailyLimit: number): "fits" | "next_day" | "never" {
  const share = dailyLimit * DAILY_BUDGET_SHARE;
  if (requests > share) return "never";
  return used + requests <= share ? "fits" : "next_day";
}

/** Every export asks; once a second per tenant is precise enough for a daily budget. */
const USAGE_TTL_MS = 1000;

export function requestBudget(counter: RequestCounter, dailyLimit: number, now: () => Date): RequestBudget {
  const usage = (tenantId: string) => counter.usage(tenantId, requestDay(now()));
  const recent = new Map<string, { at: number; used: Promise<Map<string, number>> }>();
  const recentUsage = (tenantId: string) => {
    const at = now().getTime();
    const known = recent.get(tenantId);
    if (known && at - known.at < USAGE_TTL_MS) return known.used;
    const used = usage(tenantId);
    recent.set(tenantId, { at, used });
    return used;
  };
  return {
    dailyLimit,
    usage,
    async deferIfSpent(tenantId, appIds) {
      const used = await recentUsage(tenantId);
      const spent = appIds.find((appId) => (used.get(appId) ?? 0) >= dailyLimit * DAILY_BUDGET_SHARE);
      if (spent !== undefined) {
        throw new RetryLater(
          nextDay(now()),
          `kintone daily budget: app ${spent} used ${used.get(spent)} of ${dailyLimit} requests today`,
        );
      }
    },
    async deferUnlessFits(tenantId, appId, requests) {
      // Asked once per run, not per export: today's use as it is now, not as it was a second ago.
      const used = (await usage(tenantId)).get(appId) ?? 0;
      const fit = budgetFit(used, requests, dailyLimit);
      if (fit === "never")
        throw new DailyBudgetTooSmallError(requests, Math.floor(dailyLimit * DAILY_BUDGET_SHARE));
      if (fit === "next_day") {
        throw new RetryLater(
          nextDay(now()),
          `kintone daily budget: app ${appId} used ${used} of ${dailyLimit} requests today, the work needs ${requests}`,
        );
      }
    },
  };
}

/**
 * The reason a deferred export keeps while it waits: a bare `queued` until tomorrow looks stuck to the
 * people waiting for their minutes. `retryAt` is when its job runs again.
 */
export function budgetDeferral(retryAt: Date): NonNullable<ExportRow["reason"]> {
  return { code: BUDGET_DEFERRED_REASON, params: { retryAt: retryAt.toISOString() } };
}

/** When a queued export deferred by the budget is tried again; null for any other export. */
export function deferredUntil(row: Pick<ExportRow, "reason">): string | null {
  const at = row.reason?.code === BUDGET_DEFERRED_REASON ? row.reason.params.retryAt : undefined;
  return typeof at === "string" ? at : null;
}
