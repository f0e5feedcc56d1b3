import { loginUserCode, type Principal } from "../auth/principal.ts";
import { KintoneError } from "../errors/kintone-error.ts";
import type { AppState } from "../model/app.ts";
import type { Domain } from "../model/domain.ts";
import type { KintoneRecord } from "../model/kintone-types.ts";
import type { RecordTable } from "../model/record-table.ts";
import { type CompiledQuery, compileQuery, type IdRange, KintoneQueryError } from "../query/index.ts";

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
 * `$id <= M`) end the walk too. A count walks the whole range, or none of it without a condition.
 * Other orders keep the best `offset + limit` records of the matches instead of sorting them all.
 */
export function readPage(app: AppState, q: CompiledQuery, wantTotal: boolean): Page {
  const limit = q.limit ?? DEFAULT_LIMIT;
  const offset = q.offset ?? 0;
  if (q.idOrder) return seekPage(app.records, q, offset, limit, wantTotal);
  const matched = matching(app.records, q);
  return {
    records: q.top(matched, offset + limit).slice(offset),
    totalCount: wantTotal ? String(matched.length) : null,
    filterAborted: matched.length >= FILTER_ABORT_HITS,
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
  let count = 0;
  const asc = q.idOrder === "asc";
  if (!q.filtered) {
    // Every record in the range matches: the page is a slice and the count is the range's size.
    count = to - from;
    const first = asc ? from + offset : to - 1 - offset;
    for (let k = 0; k < limit && k < count - offset; k++)
      records.push(table.recordAt(asc ? first + k : first - k));
  } else {
    for (let k = 0; k < to - from; k++) {
      const record = table.recordAt(asc ? from + k : to - 1 - k);
      if (!q.matches(record)) continue;
      count++;
      if (count <= offset) continue;
      if (records.length < limit) records.push(record);
      if (records.length >= limit && !wantTotal) break;
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
  const matched = matching(app.records, q);
  if (q.idOrder === "desc") matched.reverse();
  return q.idOrder ? matched : q.sort(matched);
}

/** The matching records of the `$id` range, in ascending id order. */
function matching(table: RecordTable, q: CompiledQuery): KintoneRecord[] {
  const [from, to] = positions(table, q.idRange);
  const matched: KintoneRecord[] = [];
  for (let p = from; p < to; p++) {
    const record = table.recordAt(p);
    if (q.matches(record)) matched.push(record);
  }
  return matched;
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
