import type { KintoneRecord } from "../model/kintone-types.ts";

/** A response body already serialized; the HTTP layer writes its text as is. */
export class RawJson {
  constructor(readonly text: string) {}
}

/**
 * Stored records never change (a write stores a new object), so each one's JSON is computed once and
 * reused by every page that contains it: a 500-record page becomes a string join.
 */
const serialized = new WeakMap<KintoneRecord, string>();

export function recordJson(record: KintoneRecord): string {
  let text = serialized.get(record);
  if (text === undefined) {
    text = JSON.stringify(record);
    serialized.set(record, text);
  }
  return text;
}

export function recordsBody(records: KintoneRecord[], totalCount: string | null): RawJson {
  return new RawJson(
    `{"records":[${records.map(recordJson).join(",")}],"totalCount":${JSON.stringify(totalCount)}}`,
  );
}
