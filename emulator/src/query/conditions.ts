/**
 * Compiles the condition tree into one record predicate, applying kintone's table semantics
 * (facts §3, measured): a condition on a table field matches when some row matches, conditions on
 * the same table joined by `and` must hold on the same row, and a record without rows never matches.
 */
import type { FieldType, KintoneRecord } from "../model/kintone-types.ts";
import { type Condition, type Expr, operatorOf, type Value } from "./ast.ts";
import { syntaxError } from "./errors.ts";
import { checkOperator, checkOptions, type FieldIndex, type ResolvedField } from "./field-rules.ts";
import type { FunctionContext } from "./functions.ts";
import { EMPTY, type ScalarKind, scalarKindOf, toCode, toInterval, toText } from "./literals.ts";
import {
  compareTest,
  type Fields,
  inEntities,
  inNumbersTest,
  inOptionLists,
  inTexts,
  isEmpty,
  like,
  type NumberTest,
  type OrderedOp,
  type Pred,
  scalarPred,
  textEquals,
} from "./predicates.ts";
import { compileWordSearch, MAX_KEYWORDS, splitKeywords } from "./word-search.ts";

const ENTITY_TYPES: ReadonlySet<FieldType> = new Set<FieldType>([
  "USER_SELECT",
  "ORGANIZATION_SELECT",
  "GROUP_SELECT",
  "STATUS_ASSIGNEE",
  "CREATOR",
  "MODIFIER",
]);

export interface ConditionContext extends FunctionContext {
  resolve: FieldIndex;
}

/**
 * A compiled subtree. With `table` set, `pred` is a positive predicate over one row of that table,
 * still open to being joined with other conditions on the same row. `scalar` is set for a condition on
 * one number, date or time field outside tables; `parts` holds the children of `and`/`or`.
 */
interface Node {
  pred: Pred;
  table: string | null;
  scalar?: ScalarFilter;
  parts?: Node[];
}

/** `pred` of a scalar condition as a test on the field's decoded value, which a reader may keep in a column. */
export interface ScalarFilter {
  code: string;
  kind: ScalarKind;
  test: NumberTest;
}

export interface CompiledCondition {
  matches(record: KintoneRecord): boolean;
  /** The top-level conjuncts that are scalar conditions: a record failing one of them does not match. */
  filters: ScalarFilter[];
  /** True when the condition is nothing but `filters`: a record passing them all matches. */
  complete: boolean;
}

export function compileCondition(where: Expr | null, ctx: ConditionContext): CompiledCondition {
  if (where === null) return { matches: () => true, filters: [], complete: true };
  const node = compileNode(where, ctx);
  const matches = node.table === null ? node.pred : anyRow(node.table, node.pred);
  const members = where.kind === "and" ? (node.parts ?? []) : [node];
  const filters = members.flatMap((m) => (m.scalar ? [m.scalar] : []));
  return { matches, filters, complete: members.length > 0 && filters.length === members.length };
}

function compileNode(expr: Expr, ctx: ConditionContext): Node {
  if (expr.kind !== "and" && expr.kind !== "or") return compileLeaf(expr, ctx);
  const children = expr.items.map((item) => compileNode(item, ctx));
  const first = children[0]?.table ?? null;
  if (first !== null && children.every((c) => c.table === first)) {
    return {
      pred: combine(
        expr.kind,
        children.map((c) => c.pred),
      ),
      table: first,
      parts: children,
    };
  }
  // Mixed: join the row predicates of each table first (same row for `and`; for `or` it is the
  // same thing either way), then lift each table to "some row matches".
  const byTable = new Map<string, Pred[]>();
  const preds: Pred[] = [];
  for (const child of children) {
    if (child.table === null) preds.push(child.pred);
    else byTable.set(child.table, [...(byTable.get(child.table) ?? []), child.pred]);
  }
  for (const [table, rowPreds] of byTable) preds.push(anyRow(table, combine(expr.kind, rowPreds)));
  return { pred: combine(expr.kind, preds), table: null, parts: children };
}

function compileLeaf(c: Condition, ctx: ConditionContext): Node {
  const field = ctx.resolve(c.field);
  const op = operatorOf(c);
  // GAIA_IQ10 comes before GAIA_IQ03 in kintone (measured).
  const values = c.kind === "in" ? c.values : c.kind === "empty" ? [] : [c.value];
  checkOptions(
    field,
    values.flatMap((v) => (v.kind === "function" ? [] : [v.text])),
  );
  checkOperator(field, op);
  const negated = c.kind === "compare" ? c.op === "!=" : c.negated;
  const kind = scalarKindOf(field.type);
  const test = kind ? positiveTest(c, kind, ctx) : null;
  if (kind && test && field.table === null) {
    const scalar = { code: field.code, kind, test: negated ? (x: number) => !test(x) : test };
    return { pred: scalarPred(field.code, kind, scalar.test), table: null, scalar };
  }
  const positive = kind && test ? scalarPred(field.code, kind, test) : positivePredicate(c, field, ctx);
  // `!=`, `not in`, `not like`, `is not empty` are the exact negation of their positive form, so
  // unset values match them (`数値 != 5` finds records without a number). kintone documents nothing
  // here; this is the reading that keeps `A` and `not A` complementary [L].
  if (field.table === null) return { pred: negated ? not(positive) : positive, table: null };
  if (!negated) return { pred: positive, table: field.table };
  // A negative condition on a table field: the record has rows and none of them matches the
  // positive form (the SonicGarden emulator's reading of `is not empty`, measured there) [L for
  // `not in`/`not like`]. It is not tied to the rows chosen by other conditions.
  return { pred: noRow(field.table, positive), table: null };
}

/** Comparisons and `in` on numbers, dates and times: a test on the decoded value; null for the rest. */
function positiveTest(c: Condition, kind: ScalarKind, ctx: ConditionContext): NumberTest | null {
  if (c.kind === "compare") return compareTest(c.op === "!=" ? "=" : c.op, toInterval(kind, c.value, ctx));
  if (c.kind !== "in") return null;
  const numbers = new Set<number>();
  let matchEmpty = false;
  for (const v of c.values) {
    const iv = toInterval(kind, v, ctx);
    if (iv === EMPTY) matchEmpty = true;
    else numbers.add(iv.lo);
  }
  return inNumbersTest(numbers, matchEmpty);
}

function positivePredicate(c: Condition, field: ResolvedField, ctx: ConditionContext): Pred {
  const { code, type } = field;
  switch (c.kind) {
    case "compare": {
      const op: OrderedOp = c.op === "!=" ? "=" : c.op;
      if (op !== "=") throw syntaxError();
      return textEquals(code, toText(c.value));
    }
    case "in": {
      if (type === "CHECK_BOX" || type === "MULTI_SELECT" || type === "CATEGORY") {
        return inOptionLists(code, new Set(c.values.map(toText)));
      }
      if (ENTITY_TYPES.has(type)) return entities(code, type, c.values, ctx);
      return inTexts(code, new Set(c.values.map(toText)));
    }
    case "like": {
      const keywords = splitKeywords(toText(c.value));
      // kintone caps a search at 10 keywords; what it answers beyond that is unknown: CB_VA01 [L].
      if (keywords.length > MAX_KEYWORDS) throw syntaxError();
      const source = type === "RICH_TEXT" ? "html" : type === "FILE" ? "files" : "text";
      return like(code, source, compileWordSearch(keywords));
    }
    case "empty":
      return isEmpty(code, type === "FILE" ? "files" : "text");
  }
}

function entities(code: string, type: FieldType, values: Value[], ctx: ConditionContext): Pred {
  const codes = new Set<string>();
  let matchEmpty = false;
  for (const v of values) {
    const entity = toCode(type, v, ctx);
    if (entity === "") matchEmpty = true;
    else if (entity !== null) codes.add(entity);
  }
  return inEntities(code, codes, matchEmpty);
}

function not(pred: Pred): Pred {
  return (f) => !pred(f);
}

function combine(kind: "and" | "or", preds: Pred[]): Pred {
  const [a, b] = preds;
  if (preds.length === 1 && a) return a;
  if (preds.length === 2 && a && b) return kind === "and" ? (f) => a(f) && b(f) : (f) => a(f) || b(f);
  if (kind === "and") {
    return (f) => {
      for (let i = 0; i < preds.length; i++) if (!preds[i]?.(f)) return false;
      return true;
    };
  }
  return (f) => {
    for (let i = 0; i < preds.length; i++) if (preds[i]?.(f)) return true;
    return false;
  };
}

function rowsOf(record: Fields, table: string): { value: Fields }[] | null {
  const fv = record[table];
  return fv?.type === "SUBTABLE" ? fv.value : null;
}

function anyRow(table: string, rowPred: Pred): Pred {
  return (record) => {
    const rows = rowsOf(record, table);
    if (!rows) return false;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (row && rowPred(row.value)) return true;
    }
    return false;
  };
}

function noRow(table: string, rowPred: Pred): Pred {
  const some = anyRow(table, rowPred);
  return (record) => {
    const rows = rowsOf(record, table);
    return rows !== null && rows.length > 0 && !some(record);
  };
}
