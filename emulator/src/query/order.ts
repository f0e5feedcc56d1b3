/**
 * The `order by` comparator. Without `order by` kintone returns `$id desc` (measured); ties under
 * the given keys are broken by `$id desc` too, so a page boundary is stable and looks like the
 * default order (kintone does not document its tie order) [L].
 */
import type { KintoneRecord } from "../model/kintone-types.ts";
import type { OrderKey } from "./ast.ts";
import { checkSortable, type FieldIndex, type ResolvedField } from "./field-rules.ts";
import { scalarKindOf } from "./literals.ts";
import { readScalar } from "./predicates.ts";
import {
  type ColumnSource,
  orderNumbers,
  orderTexts,
  type SortKey,
  scalarColumnKey,
  sortRecords,
  topRecords,
} from "./sorting.ts";
import { numberOf, textOf } from "./values.ts";

export { type ColumnSource, scalarColumnKey } from "./sorting.ts";

export interface RecordOrder {
  compare(a: KintoneRecord, b: KintoneRecord): number;
  /** A sorted copy. Reads each record's keys once: about 4× faster than sort(compare) on 100k records. */
  sort(records: readonly KintoneRecord[], columns?: ColumnSource): KintoneRecord[];
  /**
   * `sort(records).slice(0, k)` without sorting the rest: a page (`limit 500 offset N`) of 100,000
   * records ordered by another field keeps the best k in a heap instead of sorting all of them.
   */
  top(records: readonly KintoneRecord[], k: number, columns?: ColumnSource): KintoneRecord[];
}

const readId = (r: KintoneRecord) => numberOf(textOf(r.$id));
const ID_DESC: SortKey = {
  numeric: true,
  desc: true,
  read: readId,
  source: { key: scalarColumnKey("number", "$id"), read: readId, finish: (x) => x },
};

export function compileOrder(keys: readonly OrderKey[], resolve: FieldIndex): RecordOrder {
  const fields = keys.map((key) => {
    const field = resolve(key.field);
    checkSortable(field);
    return field;
  });
  const specs = fields.map((field, i) => sortKey(field, keys[i]?.direction === "desc"));
  // `$id` is unique: keys after it never decide, nor would the default tie-break.
  const id = fields.findIndex((field) => field.type === "__ID__");
  if (id >= 0) specs.length = id + 1;
  else specs.push(ID_DESC);
  return {
    compare: (a, b) => {
      for (let i = 0; i < specs.length; i++) {
        const spec = specs[i];
        if (!spec) continue;
        const r = spec.numeric
          ? orderNumbers(spec.read(a), spec.read(b))
          : orderTexts(spec.read(a), spec.read(b));
        if (r !== 0) return spec.desc ? -r : r;
      }
      return 0;
    },
    sort: (records, columns) => sortRecords(specs, records, columns),
    top: (records, k, columns) => topRecords(specs, records, k, columns),
  };
}

/** Unset values sort first ascending and last descending, as in the SQL databases kintone sits on [L]. */
function sortKey(field: ResolvedField, desc: boolean): SortKey {
  const { code, type } = field;
  const kind = scalarKindOf(type);
  if (kind) {
    const read = readScalar(kind);
    const raw = (r: KintoneRecord) => read(r[code]);
    return {
      numeric: true,
      desc,
      read: (r) => orEmpty(raw(r)),
      source: { key: scalarColumnKey(kind, code), read: raw, finish: orEmpty },
    };
  }
  if (type === "RADIO_BUTTON" || type === "DROP_DOWN") {
    // Choices sort in the form's option order, as kintone's list views do, not alphabetically [L].
    const rank = new Map<string, number>();
    for (const [key, option] of Object.entries(field.property?.options ?? {}))
      rank.set(key, Number(option.index));
    return {
      numeric: true,
      desc,
      read: (r) => {
        const s = textOf(r[code]);
        return s === "" ? -1 : (rank.get(s) ?? Number.MAX_SAFE_INTEGER);
      },
    };
  }
  if (type === "CREATOR" || type === "MODIFIER") {
    return { numeric: false, desc, read: (r) => entityCode(r[code]?.value) };
  }
  // Text sorts by UTF-16 code units; kintone's collation is undocumented [L].
  return { numeric: false, desc, read: (r) => textOf(r[code]) };
}

function orEmpty(x: number): number {
  return Number.isNaN(x) ? Number.NEGATIVE_INFINITY : x;
}

function entityCode(v: unknown): string {
  if (typeof v !== "object" || v === null || !("code" in v)) return "";
  return typeof v.code === "string" ? v.code : "";
}
