/**
 * Turns the literal side of a condition into what records are compared with, once per query.
 * Ordered types (numbers, dates, times) get a closed interval in their own unit: a literal is a
 * one-unit interval, and a function that denotes a period (TODAY(), THIS_MONTH()) is the whole
 * period, so `=` means "inside" and `<`/`>` compare with the period's ends.
 */
import type { FieldType } from "../model/kintone-types.ts";
import type { Value } from "./ast.ts";
import { dayInZone, startOfDay } from "./calendar.ts";
import { syntaxError } from "./errors.ts";
import { evaluateFunction, type FunctionContext } from "./functions.ts";
import {
  parseDateLiteral,
  parseDateTimeLiteral,
  parseNumberLiteral,
  parseRecordNumberLiteral,
  parseTimeLiteral,
} from "./values.ts";

/** Numbers as such; dates as day numbers; DATETIME as epoch minutes; TIME as minutes after midnight. */
export type ScalarKind = "number" | "recordNumber" | "date" | "datetime" | "time";

/** Both ends included. */
export interface Interval {
  lo: number;
  hi: number;
}

/** `""` is how kintone queries ask for unset values (`日付 = ""`, `in ("")`). */
export const EMPTY = "empty" as const;

const SCALAR_KINDS: Partial<Record<FieldType, ScalarKind>> = {
  __ID__: "number",
  NUMBER: "number",
  CALC: "number",
  RECORD_NUMBER: "recordNumber",
  DATE: "date",
  DATETIME: "datetime",
  CREATED_TIME: "datetime",
  UPDATED_TIME: "datetime",
  TIME: "time",
};

export function scalarKindOf(type: FieldType): ScalarKind | null {
  return SCALAR_KINDS[type] ?? null;
}

/**
 * A literal that cannot be read as the field's type (`数値 = "abc"`, `日付 = "tomorrow"`) has no
 * documented error; we answer the generic CB_VA01 on `query` rather than silently match nothing [L].
 * The same goes for a function on a type it does not apply to (`数値 = TODAY()`).
 */
export function toInterval(kind: ScalarKind, value: Value, ctx: FunctionContext): Interval | typeof EMPTY {
  if (value.kind === "function") return functionInterval(kind, value, ctx);
  const text = value.text;
  if (text === "") return EMPTY;
  let point: number | null = null;
  switch (kind) {
    case "number":
      point = parseNumberLiteral(text);
      break;
    case "recordNumber":
      point = parseRecordNumberLiteral(text);
      break;
    case "time":
      point = parseTimeLiteral(text);
      break;
    case "date": {
      point = parseDateLiteral(text);
      const instant = point === null ? parseDateTimeLiteral(text, ctx.timeZone) : null;
      if (instant?.kind === "minute") point = dayInZone(instant.minute, ctx.timeZone);
      break;
    }
    case "datetime": {
      const parsed = parseDateTimeLiteral(text, ctx.timeZone);
      // A bare date against a DATETIME means that whole day in the user's zone, like TODAY() does.
      if (parsed?.kind === "day") return dayRange(parsed.day, parsed.day, ctx.timeZone);
      if (parsed) point = parsed.minute;
      break;
    }
  }
  if (point === null) throw syntaxError();
  return { lo: point, hi: point };
}

function functionInterval(
  kind: ScalarKind,
  value: Value & { kind: "function" },
  ctx: FunctionContext,
): Interval {
  const result = evaluateFunction(value.name, value.args, ctx);
  if (kind === "date") {
    if (result.kind === "days") return { lo: result.from, hi: result.to };
    if (result.kind === "minute") {
      const day = dayInZone(result.minute, ctx.timeZone);
      return { lo: day, hi: day };
    }
  }
  if (kind === "datetime") {
    if (result.kind === "days") return dayRange(result.from, result.to, ctx.timeZone);
    // NOW() is compared at minute precision, the precision kintone stores.
    if (result.kind === "minute") return { lo: result.minute, hi: result.minute };
  }
  throw syntaxError();
}

function dayRange(from: number, to: number, timeZone: string): Interval {
  return { lo: startOfDay(from, timeZone), hi: startOfDay(to + 1, timeZone) - 1 };
}

/** Text-like literals: strings and bare numbers as written; functions do not apply. */
export function toText(value: Value): string {
  if (value.kind === "function") throw syntaxError();
  return value.text;
}

/**
 * Codes for user/organization/group fields. LOGINUSER() applies to user-valued fields,
 * PRIMARY_ORGANIZATION() to organization fields; a function naming nobody contributes nothing.
 */
export function toCode(type: FieldType, value: Value, ctx: FunctionContext): string | null {
  if (value.kind !== "function") return value.text;
  const result = evaluateFunction(value.name, value.args, ctx);
  if (result.kind !== "code") throw syntaxError();
  const userField =
    type === "USER_SELECT" || type === "CREATOR" || type === "MODIFIER" || type === "STATUS_ASSIGNEE";
  if (result.name === "LOGINUSER" ? !userField : type !== "ORGANIZATION_SELECT") throw syntaxError();
  return result.code;
}
