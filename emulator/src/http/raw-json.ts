import type { KintoneRecord } from "../model/kintone-types.ts";
import { type EncodedRecord, membersOf } from "../model/record-json.ts";
import type { RecordTable } from "../model/record-table.ts";
import { project } from "../records/read.ts";

/** A response body already encoded as UTF-8 JSON; the HTTP layer writes its bytes as they are. */
export class RawJson {
  constructor(readonly bytes: Buffer) {}

  get text(): string {
    return this.bytes.toString("utf8");
  }
}

const COMMA = 0x2c;

/** The `fields` list as project() applies it: a code listed twice counts once, at its first place. */
function distinct(fields: string[]): string[] {
  return fields.filter((code, i) => fields.indexOf(code) === i);
}

/**
 * `{"records":[…],<tail>}` with every record as `JSON.stringify(project(record, fields))` would write it,
 * byte for byte (`tail` is e.g. `"totalCount":null` or `"next":true`).
 */
export function recordsBody(
  table: RecordTable,
  records: readonly KintoneRecord[],
  fields: string[] | null,
  tail: string,
): RawJson {
  const head = Buffer.from('{"records":[', "utf8");
  const end = Buffer.from(`],${tail}}`, "utf8");
  const codes = fields && fields.length > 0 ? distinct(fields) : null;
  const parts: EncodedRecord[] = new Array(records.length);
  let size = head.length + end.length + records.length;
  for (let i = 0; i < records.length; i++) {
    const e = table.json(records[i] as KintoneRecord);
    parts[i] = e;
    size += e.bytes.length;
  }
  const out = Buffer.allocUnsafe(size);
  out.set(head, 0);
  let at = head.length;
  for (let i = 0; i < records.length; i++) {
    if (i > 0) out[at++] = COMMA;
    const record = records[i] as KintoneRecord;
    const e = parts[i] as EncodedRecord;
    if (codes === null) {
      out.set(e.bytes, at);
      at += e.bytes.length;
    } else {
      at = writeProjected(out, at, record, e, codes);
    }
  }
  out.set(end, at);
  at += end.length;
  return new RawJson(out.subarray(0, at));
}

/** Writes the record cut to `codes`; never longer than the whole record, which sized `out`. */
function writeProjected(
  out: Buffer,
  at: number,
  record: KintoneRecord,
  e: EncodedRecord,
  codes: string[],
): number {
  const members = membersOf(record, e);
  if (members === null) {
    const bytes = Buffer.from(JSON.stringify(project(record, codes)), "utf8");
    out.set(bytes, at);
    return at + bytes.length;
  }
  const { layout, bounds } = members;
  out[at++] = 0x7b;
  let first = true;
  for (let k = 0; k < codes.length; k++) {
    const code = codes[k] as string;
    const m = layout.get(code);
    if (m === undefined || !record[code]) continue;
    if (!first) out[at++] = COMMA;
    first = false;
    at = copyBytes(e.bytes, bounds[2 * m] as number, bounds[2 * m + 1] as number, out, at);
  }
  out[at++] = 0x7d;
  return at;
}

/** A member is some tens of bytes: a loop beats Buffer#copy, which builds a view for every call. */
function copyBytes(from: Buffer, start: number, end: number, to: Buffer, at: number): number {
  if (end - start > 256) {
    to.set(from.subarray(start, end), at);
    return at + end - start;
  }
  let t = at;
  for (let i = start; i < end; i++) to[t++] = from[i] as number;
  return t;
}
