import { describe, expect, test } from "vitest";
import { dueSync, type SyncHistory, syncSchedule } from "./schedule.ts";

const at = (day: number, hour = 0) => ({ startedAt: new Date(Date.UTC(2026, 10, day, hour)).toISOString() });
const none: SyncHistory = { latest: null, lastSucceeded: null, lastWhole: null, lastFull: null };
/** A first import on the 1st, daily incrementals since; the last on the 10th. */
const weekly: SyncHistory = { latest: at(10), lastSucceeded: at(10), lastWhole: at(1), lastFull: null };
const options = { syncIntervalHours: 24, fullSyncIntervalDays: 7 };

describe("dueSync: the sync the scheduler starts at a tick", () => {
  test.each<[string, SyncHistory, Partial<typeof options>, { day: number; hour?: number }, string | null]>([
    ["no run yet (no settings saved): nothing", none, {}, { day: 20 }, null],
    [
      "a first import that failed: tried again one interval after it started",
      { ...none, latest: at(1) },
      {},
      { day: 2 },
      "initial",
    ],
    [
      "a first import that failed, before its interval: nothing",
      { ...none, latest: at(1) },
      {},
      { day: 1, hour: 23 },
      null,
    ],
    [
      "a first import that failed is never replaced by a full sync",
      { ...none, latest: at(1) },
      { fullSyncIntervalDays: 1 },
      { day: 30 },
      "initial",
    ],
    [
      "before the interval since the last success, the week not yet over: nothing",
      { ...weekly, lastWhole: at(5) },
      {},
      { day: 10, hour: 23 },
      null,
    ],
    [
      "the interval passed, the week since the first import too: the full sync, instead of the incremental",
      weekly,
      {},
      { day: 11 },
      "full",
    ],
    [
      "the week since the first import passed before the incremental is due: the full sync at once",
      weekly,
      {},
      { day: 10, hour: 1 },
      "full",
    ],
    [
      "full syncs off (0): the incremental only, however long ago the first import was",
      weekly,
      { fullSyncIntervalDays: 0 },
      { day: 11 },
      "incremental",
    ],
    [
      "a full sync 3 days ago: the incremental",
      { ...weekly, lastWhole: at(8), lastFull: at(8) },
      {},
      { day: 11 },
      "incremental",
    ],
    [
      "a full sync 7 days ago: the next full sync",
      { latest: at(14), lastSucceeded: at(14), lastWhole: at(8), lastFull: at(8) },
      {},
      { day: 15 },
      "full",
    ],
    [
      "a full sync that failed an hour ago: incrementals go on, the full sync waits a sync interval",
      { latest: at(11, 1), lastSucceeded: at(10), lastWhole: at(1), lastFull: at(11) },
      {},
      { day: 11, hour: 1 },
      "incremental",
    ],
    [
      "a full sync that failed a sync interval ago: tried again",
      { latest: at(11, 1), lastSucceeded: at(11, 1), lastWhole: at(1), lastFull: at(11) },
      {},
      { day: 12 },
      "full",
    ],
    [
      "a new first import (another customer app) starts the count again",
      { latest: at(9), lastSucceeded: at(9), lastWhole: at(9), lastFull: at(3) },
      {},
      { day: 11 },
      "incremental",
    ],
  ])("%s", (_what, history, change, now, expected) => {
    const schedule = syncSchedule(history, { ...options, ...change });
    expect(dueSync(schedule, new Date(Date.UTC(2026, 10, now.day, now.hour ?? 0)))).toBe(expected);
  });
});

describe("syncSchedule: the times the status panel shows", () => {
  test("the next full sync is the interval's days after the last whole read", () => {
    const schedule = syncSchedule(weekly, options);
    expect(schedule.sync).toEqual({ kind: "incremental", at: new Date(Date.UTC(2026, 10, 11)) });
    expect(schedule.fullAt).toEqual(new Date(Date.UTC(2026, 10, 8)));
  });

  test.each([
    ["turned off", weekly, 0],
    ["before any first import succeeded", { ...none, latest: at(1) }, 7],
  ])("none when %s", (_what, history, days) => {
    expect(syncSchedule(history, { ...options, fullSyncIntervalDays: days }).fullAt).toBeNull();
  });
});
