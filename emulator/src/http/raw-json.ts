import type { KintoneRecord } from "../model/kintone-types.ts";
import type { RecordTable } from "../model/record-table.ts";
import { project } from "../records/read.ts";

/** A response body already encoded as UTF-8 JSON; the HTTP layer writes its bytes as they are. */
export class RawJson {
  constructor(readonly bytes: Buffer) {}

  get text(): string {
    return this.bytes.toString("utf8");
  }
}

/**
 * A stored record's JSON in UTF-8, and where each of its members (`"code":{…}`) lies in it. Stored
 * records never change (a write stores a new object), so this is computed once per record, kept as the
 * record's memo in its table, and reused by every page that contains it. Bytes, not strings: a page of 500 then costs one copy, where a joined
 * string cost a flattening, a UTF-8 length and a UTF-8 encoding on every request (most of a page's time).
 */
interface Encoded {
  bytes: Buffer;
  /** undefined until a `fields` list first asks; null when the record cannot be cut by member. */
  members: Members | null | undefined;
}

interface Members {
  /** Member index by field code, shared by every record with the same keys in the same order. */
  layout: Map<string, number>;
  /** Member i is bytes [bounds[2i], bounds[2i+1]). */
  bounds: Uint32Array;
}

const layouts = new Map<string, Map<string, number>>();
const MAX_LAYOUTS = 1000;

function encode(record: KintoneRecord): Encoded {
  return { bytes: utf8(JSON.stringify(record)), members: undefined };
}

/**
 * Records are encoded side by side into large slabs: Buffer.from on a ~1 KB string measures it, then
 * takes it from an 8 KB pool that a page of 500 records replaces fifty times.
 */
const SLAB_SIZE = 512 * 1024;
let slab = Buffer.allocUnsafeSlow(SLAB_SIZE);
let slabUsed = 0;

function utf8(text: string): Buffer {
  const most = text.length * 3; // UTF-8 needs at most 3 bytes per UTF-16 unit
  if (most > SLAB_SIZE / 8) return Buffer.from(text, "utf8");
  if (slabUsed + most > SLAB_SIZE) {
    slab = Buffer.allocUnsafeSlow(SLAB_SIZE);
    slabUsed = 0;
  }
  const written = slab.write(text, slabUsed, "utf8");
  const bytes = slab.subarray(slabUsed, slabUsed + written);
  slabUsed += written;
  return bytes;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;

/**
 * Splits the record's JSON into its top-level members. JSON.stringify writes the members in
 * Object.keys order and skips none for a record (every value is an object); if the count disagrees
 * anyway, the record is marked uncuttable and projected the slow way.
 */
function membersOf(record: KintoneRecord, e: Encoded): Members | null {
  if (e.members !== undefined) return e.members;
  const b = e.bytes;
  const keys = Object.keys(record);
  const bounds = new Uint32Array(keys.length * 2);
  let count = 0;
  let depth = 0;
  let start = 1;
  for (let i = 0; i < b.length; i++) {
    const c = b[i] as number;
    if (c === QUOTE) {
      // Skip the string; multi-byte UTF-8 never contains an ASCII quote or backslash byte.
      i++;
      while (i < b.length && b[i] !== QUOTE) i += b[i] === BACKSLASH ? 2 : 1;
    } else if (c === 0x7b || c === 0x5b) {
      depth++;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth === 0 && i > start) count = addMember(bounds, count, start, i);
    } else if (c === COMMA && depth === 1) {
      count = addMember(bounds, count, start, i);
      start = i + 1;
    }
  }
  e.members = count === keys.length ? { layout: layoutOf(keys), bounds } : null;
  return e.members;
}

function addMember(bounds: Uint32Array, count: number, start: number, end: number): number {
  if (2 * count + 1 < bounds.length) {
    bounds[2 * count] = start;
    bounds[2 * count + 1] = end;
  }
  return count + 1;
}

let lastKeys: string[] = [];
let lastLayout = new Map<string, number>();

function layoutOf(keys: string[]): Map<string, number> {
  // Records of one app mostly share their keys and order: compare with the last layout first.
  if (keys.length === lastKeys.length && keys.every((k, i) => k === lastKeys[i])) return lastLayout;
  const signature = keys.join("\u0000");
  let layout = layouts.get(signature);
  if (layout === undefined) {
    if (layouts.size >= MAX_LAYOUTS) layouts.clear();
    layout = new Map(keys.map((k, i) => [k, i]));
    layouts.set(signature, layout);
  }
  lastKeys = keys;
  lastLayout = layout;
  return layout;
}

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
  const parts: Encoded[] = new Array(records.length);
  let size = head.length + end.length + records.length;
  for (let i = 0; i < records.length; i++) {
    const e = table.memo(records[i] as KintoneRecord, encode);
    parts[i] = e;
    size += e.bytes.length;
  }
  const out = Buffer.allocUnsafe(size);
  out.set(head, 0);
  let at = head.length;
  for (let i = 0; i < records.length; i++) {
    if (i > 0) out[at++] = COMMA;
    const record = records[i] as KintoneRecord;
    const e = parts[i] as Encoded;
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
function writeProjected(out: Buffer, at: number, record: KintoneRecord, e: Encoded, codes: string[]): number {
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
