import type { ImportKind } from "./execute-run.ts";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A run as the schedule sees it: when it started. */
export interface RunMark {
  startedAt: string;
}

/** What the schedule is decided from: a tenant's import runs, as four look-ups. */
export interface SyncHistory {
  /** The newest run of all (none before the first settings save). */
  latest: RunMark | null;
  /** The newest successful run of any kind: the next incremental sync reads from it (SPEC I10). */
  lastSucceeded: RunMark | null;
  /**
   * The newest successful full run or first import: what a full sync is counted from. A first import
   * after the customer app changed starts the count again, since it is the new app's first read.
   */
  lastWhole: RunMark | null;
  /** The newest full run however it ended: a failed one is tried again no sooner than a sync interval. */
  lastFull: RunMark | null;
}

export interface ScheduleOptions {
  syncIntervalHours: number;
  /** 0: no scheduled full sync. */
  fullSyncIntervalDays: number;
}

export interface SyncSchedule {
  /** The next incremental sync, or the retry of a first import that has not succeeded yet. */
  sync: { kind: Exclude<ImportKind, "full">; at: Date } | null;
  /** The next scheduled full sync (全件同期); null when turned off or before a first import succeeded. */
  fullAt: Date | null;
}

const plus = (mark: RunMark, ms: number) => new Date(Date.parse(mark.startedAt) + ms);

/**
 * When each kind of sync is next due. Incremental: the last success plus the interval (a first import that
 * failed is tried again one interval after it started). Full: `fullSyncIntervalDays` after the last full
 * run or first import that succeeded, and never sooner than one sync interval after the last full try,
 * so a full sync that fails (kintone down) is not read again at every tick.
 */
export function syncSchedule(history: SyncHistory, options: ScheduleOptions): SyncSchedule {
  const { latest, lastSucceeded, lastWhole, lastFull } = history;
  if (!latest) return { sync: null, fullAt: null };
  const interval = options.syncIntervalHours * HOUR_MS;
  const sync = lastSucceeded
    ? { kind: "incremental" as const, at: plus(lastSucceeded, interval) }
    : { kind: "initial" as const, at: plus(latest, interval) };
  if (options.fullSyncIntervalDays === 0 || !lastWhole) return { sync, fullAt: null };
  const whole = plus(lastWhole, options.fullSyncIntervalDays * DAY_MS).getTime();
  const retry = lastFull ? plus(lastFull, interval).getTime() : whole;
  return { sync, fullAt: new Date(Math.max(whole, retry)) };
}

/**
 * The sync the scheduler starts now, if any. A full sync due takes the place of the incremental one of
 * that tick: it reads every record, so it also brings what the incremental would have.
 */
export function dueSync(schedule: SyncSchedule, now: Date): ImportKind | null {
  if (schedule.fullAt && schedule.fullAt.getTime() <= now.getTime()) return "full";
  if (schedule.sync && schedule.sync.at.getTime() <= now.getTime()) return schedule.sync.kind;
  return null;
}
