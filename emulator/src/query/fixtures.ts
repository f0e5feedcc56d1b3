/** Small builders for the query tests: a form, records filled from plain values, a context. */
import type {
  FieldProperties,
  FieldProperty,
  FieldType,
  FieldValue,
  KintoneRecord,
  OptionSetting,
} from "../model/kintone-types.ts";
import { type CompiledQuery, compileQuery, KintoneQueryError, type QueryContext } from "./index.ts";

export function field(code: string, type: FieldType, extra: Partial<FieldProperty> = {}): FieldProperty {
  return { type, code, label: code, ...extra };
}

/** Options keyed by label; `index` follows the order given, as kintone numbers them. */
export function options(...labels: string[]): Record<string, OptionSetting> {
  return Object.fromEntries(labels.map((label, i) => [label, { label, index: String(i) }]));
}

export function subtable(code: string, fields: FieldProperty[]): FieldProperty {
  return field(code, "SUBTABLE", { fields: form(...fields) });
}

export function form(...fields: FieldProperty[]): FieldProperties {
  return Object.fromEntries(fields.map((f) => [f.code, f]));
}

/** One field of every queryable type, plus a table. Drop-down options are deliberately not alphabetical. */
export const FORM = form(
  field("レコード番号", "RECORD_NUMBER"),
  field("作成者", "CREATOR"),
  field("作成日時", "CREATED_TIME"),
  field("更新者", "MODIFIER"),
  field("更新日時", "UPDATED_TIME"),
  field("title", "SINGLE_LINE_TEXT"),
  field("url", "LINK"),
  field("memo", "MULTI_LINE_TEXT"),
  field("rich", "RICH_TEXT"),
  field("amount", "NUMBER"),
  field("calc", "CALC"),
  field("day", "DATE"),
  field("at", "DATETIME"),
  field("time", "TIME"),
  field("radio", "RADIO_BUTTON", { options: options("A", "B", "C") }),
  field("drop", "DROP_DOWN", { options: options("B", "A", "C") }),
  field("checks", "CHECK_BOX", { options: options("A", "B", "C") }),
  field("multi", "MULTI_SELECT", { options: options("A", "B", "C") }),
  field("users", "USER_SELECT"),
  field("orgs", "ORGANIZATION_SELECT"),
  field("groups", "GROUP_SELECT"),
  field("files", "FILE"),
  field("status", "STATUS", { enabled: true }),
  field("assignee", "STATUS_ASSIGNEE", { enabled: true }),
  field("grp", "GROUP"),
  subtable("items", [
    field("item_name", "SINGLE_LINE_TEXT"),
    field("qty", "NUMBER"),
    field("item_memo", "MULTI_LINE_TEXT"),
    field("kind", "DROP_DOWN", { options: options("A", "B") }),
    field("item_date", "DATE"),
  ]),
);

/** Plain values: strings, null, option lists, user codes, file names, or table rows. */
type Plain = string | null | string[] | Record<string, Plain>[];

const EMPTY_VALUES: Partial<Record<FieldType, unknown>> = {
  DATE: null,
  TIME: null,
  DROP_DOWN: null,
  CHECK_BOX: [],
  MULTI_SELECT: [],
  USER_SELECT: [],
  ORGANIZATION_SELECT: [],
  GROUP_SELECT: [],
  STATUS_ASSIGNEE: [],
  FILE: [],
  SUBTABLE: [],
  CREATOR: "admin",
  MODIFIER: "admin",
  CREATED_TIME: "2024-01-01T00:00:00Z",
  UPDATED_TIME: "2024-01-01T00:00:00Z",
};

const NO_VALUE: ReadonlySet<FieldType> = new Set<FieldType>([
  "GROUP",
  "LABEL",
  "SPACER",
  "HR",
  "REFERENCE_TABLE",
]);

let rowIds = 1000;

function wrap(property: FieldProperty, plain: unknown): FieldValue {
  const entity = (code: unknown) => ({ code: String(code), name: String(code) });
  let value = plain;
  switch (property.type) {
    case "CREATOR":
    case "MODIFIER":
      value = entity(plain);
      break;
    case "USER_SELECT":
    case "ORGANIZATION_SELECT":
    case "GROUP_SELECT":
    case "STATUS_ASSIGNEE":
      value = (plain as string[]).map(entity);
      break;
    case "FILE":
      value = (plain as string[]).map((name) => ({
        contentType: "text/plain",
        fileKey: `k-${name}`,
        name,
        size: "1",
      }));
      break;
    case "SUBTABLE":
      value = (plain as Record<string, Plain>[]).map((row) => ({
        id: String(rowIds++),
        value: fill(property.fields ?? {}, row),
      }));
      break;
  }
  return { type: property.type, value } as FieldValue;
}

function fill(properties: FieldProperties, values: Record<string, Plain>): KintoneRecord {
  const out: KintoneRecord = {};
  for (const [code, property] of Object.entries(properties)) {
    if (NO_VALUE.has(property.type)) continue;
    const plain = code in values ? values[code] : (EMPTY_VALUES[property.type] ?? "");
    out[code] = wrap(property, plain);
  }
  return out;
}

/** A record of FORM (or `properties`) with every field present, unset unless given. */
export function rec(id: number, values: Record<string, Plain> = {}, properties = FORM): KintoneRecord {
  return {
    $id: { type: "__ID__", value: String(id) },
    $revision: { type: "__REVISION__", value: "1" },
    ...fill(properties, { レコード番号: String(id), ...values }),
  };
}

/** 2024-05-15 (a Wednesday) 12:00 in Tokyo, 15:00 in Auckland, but still 2024-05-14 17:00 in Honolulu. */
export const NOW = new Date("2024-05-15T03:00:00Z");

export function ctx(overrides: Partial<QueryContext> = {}): QueryContext {
  return {
    properties: FORM,
    now: NOW,
    timeZone: "Asia/Tokyo",
    loginUser: { code: "sato" },
    primaryOrganization: "sales",
    ...overrides,
  };
}

/** Ids of the matching records, ascending (for condition tests). */
export function hits(query: string, records: KintoneRecord[], context: QueryContext = ctx()): number[] {
  const q = compileQuery(query, context);
  return records
    .filter((r) => q.matches(r))
    .map(idOf)
    .sort((a, b) => a - b);
}

/** What records.json would return: filter, sort, offset, limit (default 100). */
export function run(query: string, records: KintoneRecord[], context: QueryContext = ctx()): number[] {
  const q: CompiledQuery = compileQuery(query, context);
  const offset = q.offset ?? 0;
  return records
    .filter((r) => q.matches(r))
    .sort((a, b) => q.compare(a, b))
    .slice(offset, offset + (q.limit ?? 100))
    .map(idOf);
}

export function idOf(r: KintoneRecord): number {
  return Number(r.$id?.value);
}

/** The KintoneQueryError `fn` throws (fails the test if it throws nothing or something else). */
export function thrown(fn: () => unknown): KintoneQueryError {
  try {
    fn();
  } catch (e) {
    if (e instanceof KintoneQueryError) return e;
    throw e;
  }
  throw new Error("expected a KintoneQueryError, nothing was thrown");
}
