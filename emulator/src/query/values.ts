/**
 * Reading record values (hot path: no allocation, no regex compilation) and parsing literals
 * (compile time). kintone sends every value as a string (facts §2), so numbers, dates and times
 * are decoded here into numbers that compare directly; NaN stands for "empty".
 */
import type { FieldValue } from "../model/kintone-types.ts";
import { dayOf, daysInMonth, MS_PER_MINUTE, wallToEpochMinute } from "./calendar.ts";

/** A scalar field's string. kintone treats null, "" and an absent key alike ("unset"). */
export function textOf(fv: FieldValue | undefined): string {
  const v = fv?.value;
  return typeof v === "string" ? v : "";
}

export function numberOf(s: string): number {
  return s === "" ? Number.NaN : Number(s);
}

/**
 * RECORD_NUMBER reads "APPCODE-12" once the app has an app code (facts §2); kintone compares the
 * number, so only the trailing digits count.
 */
export function recordNumberOf(s: string): number {
  let end = s.length;
  while (end > 0 && isDigit(s.charCodeAt(end - 1))) end--;
  if (end === s.length) return numberOf(s);
  if (end === 0) return Number(s);
  let n = 0;
  for (let i = end; i < s.length; i++) n = n * 10 + (s.charCodeAt(i) - 48);
  return n;
}

/** DATE values are "YYYY-MM-DD" (zone-less civil dates), as day numbers. */
export function dayOfValue(s: string): number {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return Number.NaN;
  return utcDay(digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2));
}

/**
 * DATETIME/CREATED_TIME/UPDATED_TIME values are "YYYY-MM-DDTHH:MM:00Z" (UTC, minute precision):
 * that shape is decoded by hand, anything else falls back to Date.parse. Seconds are dropped,
 * as kintone drops them on write.
 */
export function minuteOfValue(s: string): number {
  if (
    s.length === 20 &&
    s.charCodeAt(10) === 84 /* T */ &&
    s.charCodeAt(19) === 90 /* Z */ &&
    s.charCodeAt(4) === 45 &&
    s.charCodeAt(7) === 45 &&
    s.charCodeAt(13) === 58 &&
    s.charCodeAt(16) === 58
  ) {
    const day = utcDay(digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2));
    return day * 1440 + digits(s, 11, 2) * 60 + digits(s, 14, 2);
  }
  if (s === "") return Number.NaN;
  return Math.floor(Date.parse(s) / MS_PER_MINUTE);
}

/** TIME values are "HH:MM", as minutes after midnight. */
export function timeOfValue(s: string): number {
  if (s.length < 5 || s.charCodeAt(2) !== 58) return Number.NaN;
  return digits(s, 0, 2) * 60 + digits(s, 3, 2);
}

/**
 * `Date.UTC(y, m - 1, d) / 86_400_000`, by arithmetic for months 1–12 of years from 100 (Howard
 * Hinnant's days_from_civil): Date.UTC was most of the cost of a scan over 100,000 update times.
 * Anything else (NaN, month 0 or 13+, years 0–99, which Date.UTC reads as 1900–1999) still goes
 * through Date.UTC, so the answer is the same for every input.
 */
export function utcDay(y: number, m: number, d: number): number {
  if (!(y >= 100 && m >= 1 && m <= 12)) return Date.UTC(y, m - 1, d) / 86_400_000;
  const a = m <= 2 ? y - 1 : y;
  const era = Math.floor(a / 400);
  const yoe = a - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Decimal digits at s[start, start+len), NaN if any is not a digit. */
function digits(s: string, start: number, len: number): number {
  if (len === 2) return digit(s, start) * 10 + digit(s, start + 1);
  let n = 0;
  for (let i = start; i < start + len; i++) n = n * 10 + digit(s, i);
  return n;
}

/** One decimal digit, NaN if it is not one (NaN then carries through every sum). */
function digit(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : Number.NaN;
}

// ---- literals (compile time) ----

const DATE_LITERAL = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DATETIME_LITERAL =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const TIME_LITERAL = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** A date literal as a day number, or null. */
export function parseDateLiteral(text: string): number | null {
  const m = DATE_LITERAL.exec(text);
  if (!m) return null;
  return validDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * A DATETIME literal: an instant in epoch minutes, or, for a bare date, a civil day the caller turns
 * into that day in the user's zone. The literal's seconds are kept as a fraction of a minute: whether
 * kintone drops them in a query (as it does on write) is undocumented, and comparing them as given is
 * the stricter reading — code that only works if kintone drops them fails here instead of in production.
 * Without an offset the wall time is read in the user's zone too: kintone documents literals with
 * `Z` or `+09:00` only, and its UI filters work in the user's zone [L].
 */
export function parseDateTimeLiteral(
  text: string,
  timeZone: string,
): { kind: "minute"; minute: number } | { kind: "day"; day: number } | null {
  const day = parseDateLiteral(text);
  if (day !== null) return { kind: "day", day };
  const m = DATETIME_LITERAL.exec(text);
  if (!m) return null;
  const date = validDay(Number(m[1]), Number(m[2]), Number(m[3]));
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6] ?? 0);
  if (date === null || hour > 23 || minute > 59 || second > 59) return null;
  const wall = date * 1440 + hour * 60 + minute + second / 60;
  const zone = m[7];
  if (zone === undefined) return { kind: "minute", minute: wallToEpochMinute(wall, timeZone) };
  if (zone === "Z") return { kind: "minute", minute: wall };
  const sign = zone.startsWith("-") ? -1 : 1;
  const hh = Number(zone.slice(1, 3));
  const mm = Number(zone.slice(-2));
  return { kind: "minute", minute: wall - sign * (hh * 60 + mm) };
}

export function parseTimeLiteral(text: string): number | null {
  const m = TIME_LITERAL.exec(text);
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  if (hour > 23 || minute > 59 || Number(m[3] ?? 0) > 59) return null;
  return hour * 60 + minute;
}

export function parseNumberLiteral(text: string): number | null {
  const n = Number(text);
  return text.trim() === "" || !Number.isFinite(n) ? null : n;
}

/** A plain number, or a record number with its app code ("APPCODE-12"). */
export function parseRecordNumberLiteral(text: string): number | null {
  const plain = parseNumberLiteral(text);
  if (plain !== null) return plain;
  return /^.+-\d+$/.test(text) ? recordNumberOf(text) : null;
}

function validDay(year: number, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return dayOf(year, month, day);
}
