/**
 * kintone's query functions, evaluated once at compile time against the emulator's clock.
 * Date functions use the calling user's zone: TODAY() differs between a UTC+13 and a UTC−10
 * user at the same instant, while NOW() is one instant for everyone (facts §3).
 */
import type { FunctionArg } from "./ast.ts";
import { addMonths, dayInZone, dayOf, daysInMonth, MS_PER_MINUTE, weekdayOf, ymdOf } from "./calendar.ts";
import { invalidArguments, invalidDay, invalidUnit, syntaxError } from "./errors.ts";

export interface FunctionContext {
  now: Date;
  timeZone: string;
  loginUser: { code: string } | null;
  primaryOrganization?: string | null;
}

export type FunctionResult =
  /** A period of civil days, both ends included (TODAY(), THIS_MONTH(), …). */
  | { kind: "days"; from: number; to: number }
  /** NOW(): an instant, at kintone's minute precision. */
  | { kind: "minute"; minute: number }
  /** LOGINUSER()/PRIMARY_ORGANIZATION(); null when there is nobody to name. */
  | { kind: "code"; code: string | null; name: "LOGINUSER" | "PRIMARY_ORGANIZATION" };

const WEEKDAYS = ["SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"];
const UNITS = new Set(["DAYS", "WEEKS", "MONTHS", "YEARS"]);
const OFFSETS: Record<string, number> = { THIS: 0, LAST: -1, NEXT: 1 };

export function evaluateFunction(name: string, args: FunctionArg[], ctx: FunctionContext): FunctionResult {
  const nowMinute = Math.floor(ctx.now.getTime() / MS_PER_MINUTE);
  const today = (): number => dayInZone(nowMinute, ctx.timeZone);
  const single = (day: number): FunctionResult => ({ kind: "days", from: day, to: day });

  const periodic = /^(THIS|LAST|NEXT)_(WEEK|MONTH|YEAR)$/.exec(name);
  if (periodic) {
    const shift = OFFSETS[periodic[1] ?? "THIS"] ?? 0;
    if (periodic[2] === "WEEK") return week(today(), shift, args);
    if (periodic[2] === "MONTH") return month(today(), shift, args);
    noArguments(args);
    const year = ymdOf(today()).year + shift;
    return { kind: "days", from: dayOf(year, 1, 1), to: dayOf(year, 12, 31) };
  }
  switch (name) {
    case "NOW":
      noArguments(args);
      return { kind: "minute", minute: nowMinute };
    case "TODAY":
      noArguments(args);
      return single(today());
    case "YESTERDAY":
      noArguments(args);
      return single(today() - 1);
    case "TOMORROW":
      noArguments(args);
      return single(today() + 1);
    case "FROM_TODAY":
      return single(fromToday(today(), args));
    case "LOGINUSER":
      // Under API-token auth there is no login user. kintone documents nothing for that case
      // (facts, open question 6: perhaps "Administrator"); here LOGINUSER() then names nobody.
      noArguments(args);
      return { kind: "code", code: ctx.loginUser?.code ?? null, name: "LOGINUSER" };
    case "PRIMARY_ORGANIZATION":
      noArguments(args);
      return { kind: "code", code: ctx.primaryOrganization ?? null, name: "PRIMARY_ORGANIZATION" };
    default:
      throw syntaxError();
  }
}

/** A wrong number of arguments is GAIA_IL08 (measured). */
function noArguments(args: FunctionArg[]): void {
  if (args.length !== 0) throw invalidArguments();
}

function fromToday(today: number, args: FunctionArg[]): number {
  const [count, unit] = args;
  if (args.length !== 2 || !count || !unit || count.kind !== "word" || !/^-?\d+$/.test(count.text)) {
    throw invalidArguments();
  }
  const n = Number(count.text);
  switch (unit.kind === "word" && UNITS.has(unit.text.toUpperCase()) ? unit.text.toUpperCase() : "") {
    case "DAYS":
      return today + n;
    case "WEEKS":
      return today + 7 * n;
    case "MONTHS":
      return addMonths(today, n);
    case "YEARS":
      return addMonths(today, 12 * n);
    default:
      throw invalidUnit();
  }
}

/**
 * kintone weeks run Sunday to Saturday. An unknown weekday name has no documented code; it is
 * GAIA_IL08 here, the generic "invalid query" of function arguments [L].
 */
function week(today: number, shift: number, args: FunctionArg[]): FunctionResult {
  const sunday = today - weekdayOf(today) + 7 * shift;
  if (args.length === 0) return { kind: "days", from: sunday, to: sunday + 6 };
  const [arg] = args;
  const index =
    arg && args.length === 1 && arg.kind === "word" ? WEEKDAYS.indexOf(arg.text.toUpperCase()) : -1;
  if (index < 0) throw invalidArguments();
  return { kind: "days", from: sunday + index, to: sunday + index };
}

/**
 * THIS_MONTH(n) for a day the month lacks (31 in April) rolls into the next month, as observed by
 * the SonicGarden emulator authors on a real kintone ("要検証") [L]; LAST is the month's last day.
 */
function month(today: number, shift: number, args: FunctionArg[]): FunctionResult {
  const { year, month: m } = ymdOf(today);
  const first = dayOf(year, m + shift, 1);
  const { year: y, month: mm } = ymdOf(first);
  const last = first + daysInMonth(y, mm) - 1;
  if (args.length === 0) return { kind: "days", from: first, to: last };
  const [arg] = args;
  if (args.length !== 1 || !arg) throw invalidArguments();
  if (arg.kind === "word" && arg.text.toUpperCase() === "LAST") return { kind: "days", from: last, to: last };
  const n = Number(arg.text);
  if (arg.kind !== "word" || !/^\d+$/.test(arg.text) || n < 1 || n > 31) throw invalidDay(arg.text);
  return { kind: "days", from: first + n - 1, to: first + n - 1 };
}
