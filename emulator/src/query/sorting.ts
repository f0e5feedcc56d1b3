/**
 * Sorting records by decoded keys: every key is read once per record into an array (or taken from the
 * reader's columns), then record indexes are sorted, or the best k kept in a heap. The comparators end
 * with the input position, so both give exactly what a stable sort by `compare` gives.
 */
import type { KintoneRecord } from "../model/kintone-types.ts";
import type { ScalarKind } from "./literals.ts";

/**
 * How one key reads a record: numbers (values, dates, option ranks) or strings (text, user codes). A
 * number, date or time field also names its `source`: `read` is `finish(source.read(r))`, and a reader
 * that keeps `source.read` values in a column by `source.key` can lend them (see ColumnSource).
 */
export type SortKey =
  | { numeric: true; desc: boolean; read: (r: KintoneRecord) => number; source?: KeySource }
  | { numeric: false; desc: boolean; read: (r: KintoneRecord) => string };

export interface KeySource {
  key: string;
  read: (r: KintoneRecord) => number;
  finish: (x: number) => number;
}

/**
 * Decoded values a reader keeps by table position (`scalarColumnKey(kind, code)` →
 * `readScalar(kind)(record[code])` for every row): sorting 100,000 records then reads typed arrays
 * instead of every record's fields again.
 */
export interface ColumnSource {
  /** positions[i] is the table position of records[i]. */
  positions: ArrayLike<number>;
  column(key: string, read: (record: KintoneRecord) => number): Float64Array;
}

/** The column key of a scalar field's decoded values, shared by sort keys and conditions. */
export function scalarColumnKey(kind: ScalarKind, code: string): string {
  return `${kind}:${code}`;
}

/** A sorted copy. */
export function sortRecords(
  specs: SortKey[],
  records: readonly KintoneRecord[],
  columns: ColumnSource | undefined,
): KintoneRecord[] {
  const byIndex = indexOrder(specs, records, columns);
  const index = Array.from({ length: records.length }, (_, i) => i);
  index.sort(byIndex);
  return index.map((i) => records[i] as KintoneRecord);
}

/** `sortRecords(…).slice(0, k)`: a max-heap of the k best indexes seen so far, the worst at the root. */
export function topRecords(
  specs: SortKey[],
  records: readonly KintoneRecord[],
  k: number,
  columns: ColumnSource | undefined,
): KintoneRecord[] {
  const n = records.length;
  if (k <= 0) return [];
  const byIndex = indexOrder(specs, records, columns);
  const heap = new Int32Array(Math.min(k, n));
  let size = 0;
  for (let i = 0; i < n; i++) {
    if (size < heap.length) {
      let at = size++;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        const p = heap[parent] as number;
        if (byIndex(p, i) >= 0) break;
        heap[at] = p;
        at = parent;
      }
      heap[at] = i;
    } else if (byIndex(i, heap[0] as number) < 0) {
      siftDown(heap, size, i, byIndex);
    }
  }
  const best = Array.from(heap.subarray(0, size)).sort(byIndex);
  return best.map((i) => records[i] as KintoneRecord);
}

/** Compares record indexes key by key, then by position (what a stable sort keeps for full ties). */
function indexOrder(
  specs: SortKey[],
  records: readonly KintoneRecord[],
  source: ColumnSource | undefined,
): (i: number, j: number) => number {
  if (specs.every((spec) => spec.numeric)) return numericOrder(specs, records, source);
  const columns = specs.map((spec) => column(spec, records, source));
  return (i, j) => {
    for (let c = 0; c < columns.length; c++) {
      const r = columns[c]?.(i, j) ?? 0;
      if (r !== 0) return r;
    }
    return i - j;
  };
}

/** Puts `item` at the root of the max-heap and moves it down to its place. */
function siftDown(
  heap: Int32Array,
  size: number,
  item: number,
  byIndex: (i: number, j: number) => number,
): void {
  let at = 0;
  for (;;) {
    let child = 2 * at + 1;
    if (child >= size) break;
    const right = child + 1;
    if (right < size && byIndex(heap[right] as number, heap[child] as number) > 0) child = right;
    const c = heap[child] as number;
    if (byIndex(c, item) <= 0) break;
    heap[at] = c;
    at = child;
  }
  heap[at] = item;
}

/**
 * The same for keys that are all numbers (dates, times, numbers, `$id`: the usual `order by 更新日時
 * desc, $id desc`), comparing typed arrays in one loop instead of calling a closure per key.
 */
function numericOrder(
  specs: SortKey[],
  records: readonly KintoneRecord[],
  source: ColumnSource | undefined,
): (i: number, j: number) => number {
  const columns = specs.map((spec) => numbers(spec as NumericKey, records, source));
  const signs = specs.map((spec) => (spec.desc ? -1 : 1));
  const n = columns.length;
  return (i, j) => {
    for (let c = 0; c < n; c++) {
      const values = columns[c] as Float64Array;
      const x = values[i] as number;
      const y = values[j] as number;
      if (x < y) return -(signs[c] as number);
      if (x > y) return signs[c] as number;
    }
    return i - j;
  };
}

type NumericKey = Extract<SortKey, { numeric: true }>;

/** One numeric key's value for each record, from the reader's column when it lends one. */
function numbers(
  spec: NumericKey,
  records: readonly KintoneRecord[],
  source: ColumnSource | undefined,
): Float64Array {
  const values = new Float64Array(records.length);
  if (spec.source && source) {
    const { finish } = spec.source;
    const column = source.column(spec.source.key, spec.source.read);
    const { positions } = source;
    for (let i = 0; i < records.length; i++) values[i] = finish(column[positions[i] as number] as number);
    return values;
  }
  for (let i = 0; i < records.length; i++) values[i] = spec.read(records[i] as KintoneRecord);
  return values;
}

/** A comparator over record indexes for one key, its values read up front. */
function column(
  spec: SortKey,
  records: readonly KintoneRecord[],
  source: ColumnSource | undefined,
): (i: number, j: number) => number {
  const sign = spec.desc ? -1 : 1;
  if (spec.numeric) {
    const values = numbers(spec, records, source);
    return (i, j) => sign * orderNumbers(values[i] ?? 0, values[j] ?? 0);
  }
  const values = records.map(spec.read);
  return (i, j) => sign * orderTexts(values[i] ?? "", values[j] ?? "");
}

// Separate monomorphic comparisons for numbers and strings keep V8's comparisons fast.
export function orderNumbers(x: number, y: number): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

export function orderTexts(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
