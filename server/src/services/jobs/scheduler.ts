import type { StoredSettings } from "@front-agent/shared";
import type { Storage } from "../../storage/index.ts";
import { dueSync } from "../import/schedule.ts";
import {
  endLostRun,
  ImportAlreadyRunningError,
  loadSyncSchedule,
  startImportRun,
} from "../import/start-run.ts";
import { storedSettings } from "../settings.ts";

/**
 * Starts each tenant's due sync (services/import/schedule.ts): the incremental one every
 * `syncIntervalHours` (SPEC I10), the full one every `fullSyncIntervalDays` in its place (SPEC I9, I11:
 * what the first import's window or cap left out, and records deleted in kintone), and the retry of a
 * first import that failed, one interval later. Runs on a tick; a tenant with a run in progress is
 * skipped (a run whose job is gone is ended first, so it cannot stop the schedule).
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
    const [latest] = await storage.runs.list(tenant.id, 1);
    if (!latest) continue;
    if (latest.status === "running" && !(await endLostRun(storage, latest, now))) continue;
    const kind = dueSync(await loadSyncSchedule(storage, tenant.id, settings.options), now);
    if (!kind) continue;
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
