import type { KintoneRecord } from "./kintone-types.ts";

/**
 * A stored record's JSON in UTF-8, and where each of its members (`"code":{…}`) lies in it. Stored
 * records never change (a write stores a new object), so the table encodes each record once, when it is
 * stored, and every page that contains it is a copy of these bytes. Bytes, not strings: a joined string
 * cost a flattening, a UTF-8 length and a UTF-8 encoding on every request (most of a page's time).
 */
export interface EncodedRecord {
  bytes: Buffer;
  /** undefined until a `fields` list first asks; null when the record cannot be cut by member. */
  members: Members | null | undefined;
}

export interface Members {
  /** Member index by field code, shared by every record with the same keys in the same order. */
  layout: Map<string, number>;
  /** Member i is bytes [bounds[2i], bounds[2i+1]). */
  bounds: Uint32Array;
}

const layouts = new Map<string, Map<string, number>>();
const MAX_LAYOUTS = 1000;

/** Exactly `JSON.stringify(record)`, UTF-8 encoded. */
export function encodeRecord(record: KintoneRecord): EncodedRecord {
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
export function membersOf(record: KintoneRecord, e: EncodedRecord): Members | null {
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
