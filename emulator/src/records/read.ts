import { loginUserCode, type Principal } from "../auth/principal.ts";
import { KintoneError } from "../errors/kintone-error.ts";
import type { AppState } from "../model/app.ts";
import type { Domain } from "../model/domain.ts";
import type { KintoneRecord } from "../model/kintone-types.ts";
import type { RecordTable } from "../model/record-table.ts";
import {
  type ColumnSource,
  type CompiledQuery,
  compileQuery,
  type IdRange,
  KintoneQueryError,
  readScalar,
  type ScalarFilter,
  scalarColumnKey,
} from "../query/index.ts";

/** kintone's default page size and the filter size past which it stops counting (facts §1.2). */
export const DEFAULT_LIMIT = 100;
export const FILTER_ABORT_HITS = 100_000;

export function compileFor(
  domain: Domain,
  app: AppState,
  principal: Principal,
  query: string,
  allowLimitOffset = true,
): CompiledQuery {
  const login = loginUserCode(principal);
  try {
    return compileQuery(
      query,
      {
        properties: app.live.properties,
        now: domain.clock.now(),
        timeZone: domain.settings.timeZone,
        loginUser: login ? { code: login } : null,
      },
      { allowLimitOffset },
    );
  } catch (error) {
    if (error instanceof KintoneQueryError)
      throw new KintoneError(error.status, error.code, error.messages, error.errors);
    throw error;
  }
}

export interface Page {
  records: KintoneRecord[];
  totalCount: string | null;
  /** Set when the condition matched 100,000 records or more: kintone then warns in a header. */
  filterAborted: boolean;
}

/**
 * GET records.json. When the order is by `$id` (the official clients' seek: `$id > N order by $id asc
 * limit 500`), records are walked in id order from the bound and the walk stops once the page is full,
 * so a page costs the same at record 1 and at record 100,000; `$id` bounds on both sides (a stripe's
 * `$id <= M`) end the walk too. Without a condition a count is the range's size. Counts and other
 * orders scan the range (see scan) and keep the best `offset + limit` records instead of sorting all.
 */
export function readPage(app: AppState, q: CompiledQuery, wantTotal: boolean): Page {
  const limit = q.limit ?? DEFAULT_LIMIT;
  const offset = q.offset ?? 0;
  if (q.idOrder && (!wantTotal || !q.filtered)) return seekPage(app.records, q, offset, limit, wantTotal);
  const table = app.records;
  const found = scan(table, q);
  const count = found.length;
  let records: KintoneRecord[];
  if (q.idOrder) {
    // A count in `$id` order: the page is a slice of the positions found, from the end for `desc`.
    records = [];
    for (let k = offset; k < offset + limit && k < count; k++)
      records.push(table.recordAt(found[q.idOrder === "asc" ? k : count - 1 - k] as number));
  } else {
    records = q.top(recordsAt(table, found), offset + limit, columnsFor(table, found)).slice(offset);
  }
  return {
    records,
    totalCount: wantTotal ? String(count) : null,
    filterAborted: count >= FILTER_ABORT_HITS,
  };
}

function seekPage(
  table: RecordTable,
  q: CompiledQuery,
  offset: number,
  limit: number,
  wantTotal: boolean,
): Page {
  const [from, to] = positions(table, q.idRange);
  const records: KintoneRecord[] = [];
  const asc = q.idOrder === "asc";
  let count = 0;
  if (!q.filtered) {
    // Every record in the range matches: the page is a slice and the count is the range's size.
    count = to - from;
    const first = asc ? from + offset : to - 1 - offset;
    for (let k = 0; k < limit && k < count - offset; k++)
      records.push(table.recordAt(asc ? first + k : first - k));
  } else {
    for (let k = 0; k < to - from && records.length < limit; k++) {
      const record = table.recordAt(asc ? from + k : to - 1 - k);
      if (q.matches(record) && ++count > offset) records.push(record);
    }
  }
  return {
    records,
    totalCount: wantTotal ? String(count) : null,
    filterAborted: wantTotal && count >= FILTER_ABORT_HITS,
  };
}

/** Every matching record in the query's order: what a cursor fixes when it is created. */
export function matchAll(app: AppState, q: CompiledQuery): KintoneRecord[] {
  const table = app.records;
  const found = scan(table, q);
  const records = recordsAt(table, found);
  if (q.idOrder === "desc") records.reverse();
  return q.idOrder ? records : q.sort(records, columnsFor(table, found));
}

/**
 * The table positions of the matching records of the `$id` range, ascending. Over most of the table the
 * query's scalar conjuncts (`更新日時 >= …`) are tested on the table's columns of decoded values first,
 * and matches() runs only for what passes them, or not at all when they are the whole condition. A
 * narrow range reads its records: a column covers every row and lasts only until the next write.
 */
function scan(table: RecordTable, q: CompiledQuery): Int32Array {
  const [from, to] = positions(table, q.idRange);
  const found = new Int32Array(to - from);
  let n = 0;
  const keys = q.filters.map((f) => scalarColumnKey(f.kind, f.code));
  if (!q.filtered) {
    for (let p = from; p < to; p++) found[n++] = p;
  } else if (
    keys.length > 0 &&
    ((to - from) * 4 >= table.size || keys.every((key) => table.hasColumn(key)))
  ) {
    const columns = q.filters.map((f, k) => table.column(keys[k] as string, readerOf(f)));
    const tests = q.filters.map((f) => f.test);
    rows: for (let p = from; p < to; p++) {
      for (let k = 0; k < columns.length; k++) {
        if (!(tests[k] as ScalarFilter["test"])((columns[k] as Float64Array)[p] as number)) continue rows;
      }
      if (q.filtersComplete || q.matches(table.recordAt(p))) found[n++] = p;
    }
  } else {
    for (let p = from; p < to; p++) if (q.matches(table.recordAt(p))) found[n++] = p;
  }
  return found.subarray(0, n);
}

function recordsAt(table: RecordTable, found: Int32Array): KintoneRecord[] {
  const records: KintoneRecord[] = new Array(found.length);
  for (let i = 0; i < found.length; i++) records[i] = table.recordAt(found[i] as number);
  return records;
}

/** The table's columns for the sort keys, when most records matched (a column decodes every row). */
function columnsFor(table: RecordTable, found: Int32Array): ColumnSource | undefined {
  if (found.length * 4 < table.size) return undefined;
  return { positions: found, column: (key, read) => table.column(key, read) };
}

function readerOf(filter: ScalarFilter): (record: KintoneRecord) => number {
  const read = readScalar(filter.kind);
  return (record) => read(record[filter.code]);
}

/** The table positions [from, to) the query's `$id` bounds leave; matches() still checks every record. */
function positions(table: RecordTable, range: IdRange | null): [number, number] {
  const from = range?.min === undefined ? 0 : table.seek(range.min, range.minInclusive ?? false);
  const to = range?.max === undefined ? table.size : table.seek(range.max, !(range.maxInclusive ?? false));
  return [from, Math.max(from, to)];
}

/** The `fields` parameter: only the listed codes come back (the official client adds `$id` itself). */
export function project(record: KintoneRecord, fields: string[] | null): KintoneRecord {
  if (!fields || fields.length === 0) return record;
  const out: KintoneRecord = {};
  for (const code of fields) {
    const value = record[code];
    if (value) out[code] = value;
  }
  return out;
}
