import { loginUserCode, type Principal } from "../auth/principal.ts";
import { KintoneError } from "../errors/kintone-error.ts";
import type { AppState } from "../model/app.ts";
import type { Domain } from "../model/domain.ts";
import type { KintoneRecord } from "../model/kintone-types.ts";
import { type CompiledQuery, compileQuery, KintoneQueryError } from "../query/index.ts";

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
 * so a page costs the same at record 1 and at record 100,000.
 */
export function readPage(app: AppState, q: CompiledQuery, wantTotal: boolean): Page {
  const limit = q.limit ?? DEFAULT_LIMIT;
  const offset = q.offset ?? 0;
  if (q.idOrder && !wantTotal) {
    const records: KintoneRecord[] = [];
    let skipped = 0;
    for (const id of idsInOrder(app, q)) {
      const record = app.records.get(id);
      if (!record || !q.matches(record)) continue;
      if (skipped < offset) {
        skipped++;
        continue;
      }
      records.push(record);
      if (records.length >= limit) break;
    }
    return { records, totalCount: null, filterAborted: false };
  }
  const matched = matchAll(app, q);
  return {
    records: matched.slice(offset, offset + limit),
    totalCount: wantTotal ? String(matched.length) : null,
    filterAborted: matched.length >= FILTER_ABORT_HITS,
  };
}

/** Every matching record in the query's order: what a cursor fixes when it is created. */
export function matchAll(app: AppState, q: CompiledQuery): KintoneRecord[] {
  const matched: KintoneRecord[] = [];
  for (const id of idsInOrder(app, q)) {
    const record = app.records.get(id);
    if (record && q.matches(record)) matched.push(record);
  }
  return q.idOrder ? matched : q.sort(matched);
}

function idsInOrder(app: AppState, q: CompiledQuery): Iterable<number> {
  const r = q.idRange;
  if (q.idOrder === "asc" || (q.idOrder === null && r?.min !== undefined)) {
    return app.records.ascending(r?.min, r?.minInclusive ?? false);
  }
  return app.records.descending(r?.max, r?.maxInclusive ?? false);
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
