/**
 * Planner hints for the caller's storage. The official client pages with
 * `(<cond>) and $id > N order by $id asc limit 500` (and `$id > 0 order by $id asc limit 500`
 * with no condition), so a seek on `$id` avoids scanning from the start each page.
 */
import type { Expr, OrderKey, Value } from "./ast.ts";
import type { FieldIndex } from "./field-rules.ts";

export interface IdRange {
  min?: number;
  minInclusive?: boolean;
  max?: number;
  maxInclusive?: boolean;
}

/**
 * Bounds from `$id` comparisons that are members of the top-level conjunction (the parser
 * flattens nested `and`s and parentheses around them). `$id = N` bounds both sides.
 */
export function extractIdRange(where: Expr | null): IdRange | null {
  if (where === null || where.kind === "or") return null;
  const members = where.kind === "and" ? where.items : [where];
  let range: IdRange | null = null;
  for (const c of members) {
    if (c.kind !== "compare" || c.field !== "$id") continue;
    const n = literalNumber(c.value);
    if (n === null) continue;
    range ??= {};
    if (c.op === ">" || c.op === ">=" || c.op === "=") tightenMin(range, n, c.op !== ">");
    if (c.op === "<" || c.op === "<=" || c.op === "=") tightenMax(range, n, c.op !== "<");
  }
  return range;
}

function tightenMin(range: IdRange, n: number, inclusive: boolean): void {
  if (range.min === undefined || n > range.min || (n === range.min && !inclusive)) {
    range.min = n;
    range.minInclusive = inclusive;
  }
}

function tightenMax(range: IdRange, n: number, inclusive: boolean): void {
  if (range.max === undefined || n < range.max || (n === range.max && !inclusive)) {
    range.max = n;
    range.maxInclusive = inclusive;
  }
}

function literalNumber(v: Value): number | null {
  if (v.kind === "function" || v.text.trim() === "") return null;
  const n = Number(v.text);
  return Number.isFinite(n) ? n : null;
}

/** The RECORD_NUMBER field counts as `$id`: it holds the same number (facts §1.1). */
export function extractIdOrder(keys: readonly OrderKey[], resolve: FieldIndex): "asc" | "desc" | null {
  if (keys.length === 0) return "desc";
  const [key] = keys;
  if (keys.length !== 1 || !key) return null;
  const type = resolve(key.field).type;
  return type === "__ID__" || type === "RECORD_NUMBER" ? key.direction : null;
}
