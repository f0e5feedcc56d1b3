import type { FieldProperties, FieldProperty, FieldType } from "../model/kintone-types.ts";
import { operatorNotAllowed, operatorNotAllowedInTable, optionNotFound, unknownField } from "./errors.ts";

export interface ResolvedField {
  code: string;
  type: FieldType;
  /** Code of the SUBTABLE that holds the field, null for a top-level field. */
  table: string | null;
  /** null for `$id`, which is not in the form. */
  property: FieldProperty | null;
}

const COMPARE = ["=", "!=", "<", ">", "<=", ">="];
const EQUALITY = ["=", "!="];
const IN = ["in", "not in"];
const LIKE = ["like", "not like"];
const EMPTY = ["is empty", "is not empty"];

/**
 * Operators per field type, as measured against a real kintone (facts §3; GAIA_IQ03 otherwise).
 * STATUS_ASSIGNEE and CATEGORY are not in the measured table; kintone's query docs list
 * `in`/`not in` for both, and `作業者 in (LOGINUSER())` is a common idiom, so they get those.
 * RICH_TEXT gets no `is empty`: the measured table and the docs disagree, we follow the measurement.
 */
const ALLOWED: Partial<Record<FieldType, ReadonlySet<string>>> = {
  __ID__: new Set([...COMPARE, ...IN]),
  RECORD_NUMBER: new Set([...COMPARE, ...IN]),
  NUMBER: new Set([...COMPARE, ...IN]),
  CALC: new Set([...COMPARE, ...IN]),
  SINGLE_LINE_TEXT: new Set([...EQUALITY, ...IN, ...LIKE]),
  LINK: new Set([...EQUALITY, ...IN, ...LIKE]),
  MULTI_LINE_TEXT: new Set([...LIKE, ...EMPTY]),
  RICH_TEXT: new Set(LIKE),
  FILE: new Set([...LIKE, ...EMPTY]),
  CHECK_BOX: new Set(IN),
  RADIO_BUTTON: new Set(IN),
  DROP_DOWN: new Set(IN),
  MULTI_SELECT: new Set(IN),
  DATE: new Set(COMPARE),
  TIME: new Set(COMPARE),
  DATETIME: new Set(COMPARE),
  CREATED_TIME: new Set(COMPARE),
  UPDATED_TIME: new Set(COMPARE),
  USER_SELECT: new Set(IN),
  ORGANIZATION_SELECT: new Set(IN),
  GROUP_SELECT: new Set(IN),
  CREATOR: new Set(IN),
  MODIFIER: new Set(IN),
  STATUS: new Set([...EQUALITY, ...IN]),
  STATUS_ASSIGNEE: new Set(IN),
  CATEGORY: new Set(IN),
};

/**
 * Types `order by` accepts. kintone documents no list; this follows what its list views can sort
 * by (no multi-valued fields, no long text, no files, no table fields) [L].
 */
const SORTABLE: ReadonlySet<FieldType> = new Set<FieldType>([
  "__ID__",
  "RECORD_NUMBER",
  "SINGLE_LINE_TEXT",
  "LINK",
  "NUMBER",
  "CALC",
  "DATE",
  "TIME",
  "DATETIME",
  "CREATED_TIME",
  "UPDATED_TIME",
  "RADIO_BUTTON",
  "DROP_DOWN",
  "STATUS",
  "CREATOR",
  "MODIFIER",
]);

const OPTION_TYPES: ReadonlySet<FieldType> = new Set<FieldType>([
  "CHECK_BOX",
  "RADIO_BUTTON",
  "DROP_DOWN",
  "MULTI_SELECT",
]);

const ID_FIELD: ResolvedField = { code: "$id", type: "__ID__", table: null, property: null };

export type FieldIndex = (code: string) => ResolvedField;

/**
 * Field codes are unique across the app, table fields included, so table fields are looked up by
 * their own code. Only `$id` is known besides the form: kintone documents no `$revision` in queries,
 * so it is GAIA_IQ11 here rather than a convenience a real kintone might refuse.
 */
export function indexFields(properties: FieldProperties): FieldIndex {
  const byCode = new Map<string, ResolvedField>([["$id", ID_FIELD]]);
  for (const [code, property] of Object.entries(properties)) {
    byCode.set(code, { code, type: property.type, table: null, property });
    if (property.type !== "SUBTABLE" || !property.fields) continue;
    for (const [inner, innerProperty] of Object.entries(property.fields)) {
      byCode.set(inner, { code: inner, type: innerProperty.type, table: code, property: innerProperty });
    }
  }
  return (code) => {
    const field = byCode.get(code);
    if (!field) throw unknownField(code);
    return field;
  };
}

/** GAIA_IQ07 is checked first: a table field refuses `=`/`!=` whatever its type would allow. */
export function checkOperator(field: ResolvedField, op: string): void {
  if (field.table !== null && (op === "=" || op === "!=")) throw operatorNotAllowedInTable(field.code, op);
  if (!ALLOWED[field.type]?.has(op)) throw operatorNotAllowed(field.code, op);
}

/**
 * GAIA_IQ10: a literal that is not one of the field's options (kintone checks this before the
 * operator). `""` passes: `in ("")` is how kintone selects unset values.
 */
export function checkOptions(field: ResolvedField, literals: readonly string[]): void {
  if (!OPTION_TYPES.has(field.type)) return;
  const options = field.property?.options ?? {};
  for (const literal of literals) {
    if (literal !== "" && !Object.hasOwn(options, literal)) throw optionNotFound(field.code, literal);
  }
}

/**
 * The exact error for sorting by an unsortable field was never captured; we answer GAIA_IQ03
 * with `order by` as the operator, which at least names the field [L].
 */
export function checkSortable(field: ResolvedField): void {
  if (field.table !== null || !SORTABLE.has(field.type)) throw operatorNotAllowed(field.code, "order by");
}
