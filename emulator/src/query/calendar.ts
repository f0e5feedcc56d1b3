/**
 * Civil dates and time-zone conversions with Intl only (no dependency).
 *
 * A "day" is a civil date as a day number (days since 1970-01-01), free of any zone; a
 * "minute" is an instant as minutes since the epoch, which is kintone's DATETIME precision.
 * Everything here runs at compile time, never per record.
 */

export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;
const MINUTES_PER_DAY = 1440;

export function dayOf(year: number, month: number, day: number): number {
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return Math.round(d.getTime() / MS_PER_DAY);
}

export function ymdOf(day: number): { year: number; month: number; day: number } {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCDay();
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws RangeError for an unknown zone: that is the caller's configuration error, not a query error. */
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock reading of an instant in a zone, as minutes since the (zone-less) epoch. */
function wallMinutes(epochMinute: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(epochMinute * MS_PER_MINUTE))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  const ms = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
  );
  return ms / MS_PER_MINUTE;
}

/** The civil date an instant falls on in a zone. */
export function dayInZone(epochMinute: number, timeZone: string): number {
  return Math.floor(wallMinutes(epochMinute, timeZone) / MINUTES_PER_DAY);
}

/**
 * The instant a wall-clock time denotes in a zone. Two passes settle the offset around DST
 * changes; a wall time skipped by DST maps to the instant just after the gap.
 */
export function wallToEpochMinute(wallMinute: number, timeZone: string): number {
  const guess = wallMinute - (wallMinutes(wallMinute, timeZone) - wallMinute);
  const offset = wallMinutes(guess, timeZone) - guess;
  return wallMinute - offset;
}

/** The first minute of a civil date in a zone. */
export function startOfDay(day: number, timeZone: string): number {
  return wallToEpochMinute(day * MINUTES_PER_DAY, timeZone);
}

/** Months are added on the calendar and clamped to the month's end (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(day: number, months: number): number {
  const { year, month, day: dom } = ymdOf(day);
  const total = year * 12 + (month - 1) + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  const last = daysInMonth(y, m);
  return dayOf(y, m, Math.min(dom, last));
}

export function daysInMonth(year: number, month: number): number {
  return ymdOf(dayOf(year, month + 1, 0)).day;
}
