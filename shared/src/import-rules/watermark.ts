import { floorMinute, isoMinute, MINUTE_MS } from "../kintone-query/minute.ts";

/**
 * SPEC I10. kintone truncates UPDATED_TIME to the minute, so "updated after the last run" cannot be asked
 * exactly: a record saved at 09:30:40 reads 09:30:00 even though a run that started at 09:30:10 did not
 * see it. The watermark is therefore the minute the run started in, read again next time with `>=` and an
 * overlap; what comes back twice is dropped by revision (`isNewer`). Advance it only after a run succeeded.
 */
export function nextWatermark(runStartedAt: Date): string {
  return isoMinute(runStartedAt);
}

/** The instant to read from: the watermark's minute, minus the overlap. */
export function sinceFor(watermark: string, overlapMinutes = 1): Date {
  if (!Number.isInteger(overlapMinutes) || overlapMinutes < 0) {
    throw new RangeError(`overlapMinutes must be a non-negative integer, got ${overlapMinutes}`);
  }
  const at = new Date(watermark);
  if (Number.isNaN(at.getTime())) throw new RangeError(`Invalid watermark ${JSON.stringify(watermark)}`);
  return new Date(floorMinute(at).getTime() - overlapMinutes * MINUTE_MS);
}

function revisionNumber(revision: string | number): number {
  const value =
    typeof revision === "number" ? revision : /^\d+$/.test(revision) ? Number(revision) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`Invalid revision ${JSON.stringify(revision)}`);
  return value;
}

/**
 * Whether a record read now is a later edit than the one already applied. Numeric: "10" > "9". Nothing
 * applied yet (null) means newer.
 */
export function isNewer(
  stored: { revision: string | number } | null | undefined,
  incoming: { revision: string | number },
): boolean {
  const next = revisionNumber(incoming.revision);
  return stored == null || next > revisionNumber(stored.revision);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** SPEC I9: the first import reads records updated in the last `days` days before `now`. */
export function initialWindowStart(now: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`days must be a non-negative integer, got ${days}`);
  if (Number.isNaN(now.getTime())) throw new RangeError("Invalid date");
  return new Date(now.getTime() - days * DAY_MS);
}
