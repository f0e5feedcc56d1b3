import type { StoredSettings } from "@front-agent/shared";
import type { Storage } from "../../storage/index.ts";
import { endLostRun, ImportAlreadyRunningError, nextSyncAt, startImportRun } from "../import-runs.ts";
import { storedSettings } from "../settings.ts";

/**
 * Starts each tenant's incremental sync every `syncIntervalHours` (SPEC I10). Also retries a first import
 * that failed, one interval later. Runs on a tick; a tenant with a run in progress is skipped (a run
 * whose job is gone is ended first, so it cannot stop the schedule).
 */
export async function scheduleDueSyncs(storage: Storage, now: Date, onStarted?: () => void): Promise<number> {
  let started = 0;
  for (const tenant of await storage.tenants.list()) {
    let settings: StoredSettings | null;
    try {
      settings = await storedSettings(storage, tenant.id);
    } catch {
      continue;
    }
    if (!settings) continue;
    const interval = settings.options.syncIntervalHours;
    const due = await nextSyncAt(storage, tenant.id, interval);
    const [latest] = await storage.runs.list(tenant.id, 1);
    if (!latest) continue;
    if (latest.status === "running" && !(await endLostRun(storage, latest, now))) continue;
    const kind = due ? "incremental" : "initial";
    const dueAt = due ?? new Date(Date.parse(latest.startedAt) + interval * 3_600_000);
    if (dueAt.getTime() > now.getTime()) continue;
    try {
      await startImportRun(storage, tenant.id, kind, now);
      started++;
    } catch (error) {
      if (!(error instanceof ImportAlreadyRunningError)) throw error;
    }
  }
  if (started > 0) onStarted?.();
  return started;
}

export class Scheduler {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly tick: () => Promise<unknown>,
    private readonly everyMs: number,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => {
      void this.tick().catch(() => {});
    }, this.everyMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

const DAY_MS = 86_400_000;

/**
 * Finished jobs are kept a while for diagnosis (done a week, failed a month), then deleted, so the jobs
 * table does not grow with every export for ever.
 */
export function pruneFinishedJobs(storage: Storage, now: Date): Promise<number> {
  return storage.jobs.prune({
    done: new Date(now.getTime() - 7 * DAY_MS).toISOString(),
    failed: new Date(now.getTime() - 30 * DAY_MS).toISOString(),
  });
}
