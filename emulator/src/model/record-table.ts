import type { Journal } from "./journal.ts";
import type { KintoneRecord } from "./kintone-types.ts";
import { type EncodedRecord, encodeRecord } from "./record-json.ts";

/**
 * The records of one app, kept in kintone's JSON shape so reads serve them without copying.
 * Records are immutable once stored: a write stores a new object, which makes undo a pointer swap.
 * Ids only grow, so `ids` stays sorted by appending, and `$id` seeks are binary searches. `rows` holds
 * the records in the same order, so a page is walked by position without a map lookup per record.
 */
export class RecordTable {
  private readonly byId = new Map<number, KintoneRecord>();
  private readonly ids: number[] = [];
  private readonly rows: KintoneRecord[] = [];
  /**
   * Each stored record's JSON, encoded when it is stored so that no page waits for it (a first read of
   * 500 records cost ~4 ms more than a second one, mostly JSON.stringify and UTF-8). A Map the table
   * keeps in step with its rows, not a WeakMap: 100,000 weak entries made each full garbage collection
   * of the emulator take most of a second.
   */
  private readonly encodings = new Map<KintoneRecord, EncodedRecord>();
  /**
   * Decoded field values by position, one array per key (the query module's `scalarColumnKey`), for
   * scans of the whole table: a count or a sort over 100,000 records then reads one typed array instead
   * of every record's field. Dropped by any write.
   */
  private readonly columns = new Map<string, Float64Array>();
  /** Unique fields' values → record id: kintone's unique check and lookups must not scan 100,000 records. */
  private readonly indexes = new Map<string, Map<string, number>>();
  private nextIdValue = 1;

  constructor(indexedCodes: Iterable<string> = []) {
    this.reindex(indexedCodes);
  }

  get size(): number {
    return this.ids.length;
  }

  get(id: number): KintoneRecord | undefined {
    return this.byId.get(id);
  }

  /**
   * Takes the next record id. Not rolled back with a failed request: kintone is believed to consume
   * ids the same way (facts §5.4 [L]), and gaps are harmless to every client.
   */
  takeId(): number {
    return this.nextIdValue++;
  }

  /**
   * The position of the first id above `after` (at or above it when `inclusive`): where an ascending
   * `$id` seek starts. Positions are valid until the next write.
   */
  seek(after: number, inclusive: boolean): number {
    return lowerBound(this.ids, after, inclusive);
  }

  idAt(position: number): number {
    return this.ids[position] as number;
  }

  recordAt(position: number): KintoneRecord {
    return this.rows[position] as KintoneRecord;
  }

  /** The record's JSON as stored; a record this table does not hold is encoded afresh each time. */
  json(record: KintoneRecord): EncodedRecord {
    return this.encodings.get(record) ?? encodeRecord(record);
  }

  /** `read(record)` for every row, by position: computed on first use and kept until the next write. */
  column(key: string, read: (record: KintoneRecord) => number): Float64Array {
    let values = this.columns.get(key);
    if (values === undefined) {
      values = new Float64Array(this.rows.length);
      for (let p = 0; p < this.rows.length; p++) values[p] = read(this.rows[p] as KintoneRecord);
      this.columns.set(key, values);
    }
    return values;
  }

  hasColumn(key: string): boolean {
    return this.columns.has(key);
  }

  /** Ids in ascending order, from the first id above `after` (or at/above `from`). */
  *ascending(after = Number.NEGATIVE_INFINITY, inclusive = false): Generator<number> {
    let i = lowerBound(this.ids, after, inclusive);
    while (i < this.ids.length) {
      const id = this.ids[i++];
      if (id !== undefined) yield id;
    }
  }

  /** Ids in descending order, from the last id below `before` (or at/below it). */
  *descending(before = Number.POSITIVE_INFINITY, inclusive = false): Generator<number> {
    let i = lowerBound(this.ids, before, !inclusive) - 1;
    while (i >= 0) {
      const id = this.ids[i--];
      if (id !== undefined) yield id;
    }
  }

  findByIndex(code: string, value: string): number | undefined {
    return this.indexes.get(code)?.get(value);
  }

  isIndexed(code: string): boolean {
    return this.indexes.has(code);
  }

  insert(record: KintoneRecord, journal: Journal): void {
    const id = recordId(record);
    this.byId.set(id, record);
    this.insertRow(id, record);
    this.indexAdd(record, id);
    journal.record(() => this.removeRaw(id));
  }

  replace(record: KintoneRecord, journal: Journal): void {
    const id = recordId(record);
    const previous = this.byId.get(id);
    if (!previous) throw new Error(`record ${id} does not exist`);
    const previousJson = this.encodings.get(previous);
    this.indexRemove(previous);
    this.setRow(id, record);
    this.indexAdd(record, id);
    journal.record(() => {
      this.indexRemove(record);
      this.setRow(id, previous, previousJson);
      this.indexAdd(previous, id);
    });
  }

  remove(id: number, journal: Journal): void {
    const previous = this.byId.get(id);
    if (!previous) return;
    const json = this.encodings.get(previous);
    this.removeRaw(id);
    journal.record(() => {
      this.byId.set(id, previous);
      this.insertRow(id, previous, json);
      this.indexAdd(previous, id);
    });
  }

  /** Rebuilds the value indexes for a new set of unique fields (the form changed). */
  reindex(codes: Iterable<string>): void {
    this.indexes.clear();
    for (const code of codes) this.indexes.set(code, new Map());
    for (const [id, record] of this.byId) this.indexAdd(record, id);
  }

  /** Replaces every record (used when a form change migrates values). Not journaled: control API only. */
  rewriteAll(transform: (record: KintoneRecord) => KintoneRecord): void {
    for (const [id, record] of this.byId) this.setRow(id, transform(record));
    this.reindex([...this.indexes.keys()]);
  }

  private insertRow(id: number, record: KintoneRecord, json = encodeRecord(record)): void {
    this.encodings.set(record, json);
    this.columns.clear();
    const at = lowerBound(this.ids, id, true);
    if (at === this.ids.length) {
      this.ids.push(id);
      this.rows.push(record);
    } else {
      this.ids.splice(at, 0, id);
      this.rows.splice(at, 0, record);
    }
  }

  private setRow(id: number, record: KintoneRecord, json?: EncodedRecord): void {
    const previous = this.byId.get(id);
    if (previous !== undefined && previous !== record) this.encodings.delete(previous);
    this.encodings.set(record, json ?? this.encodings.get(record) ?? encodeRecord(record));
    if (previous !== record) this.columns.clear();
    this.byId.set(id, record);
    this.rows[lowerBound(this.ids, id, true)] = record;
  }

  private removeRaw(id: number): void {
    const record = this.byId.get(id);
    if (!record) return;
    this.indexRemove(record);
    this.encodings.delete(record);
    this.columns.clear();
    this.byId.delete(id);
    const at = lowerBound(this.ids, id, true);
    if (this.ids[at] === id) {
      this.ids.splice(at, 1);
      this.rows.splice(at, 1);
    }
  }

  private indexAdd(record: KintoneRecord, id: number): void {
    for (const [code, index] of this.indexes) {
      const key = indexKey(record, code);
      if (key !== null) index.set(key, id);
    }
  }

  private indexRemove(record: KintoneRecord): void {
    const id = recordId(record);
    for (const [code, index] of this.indexes) {
      const key = indexKey(record, code);
      if (key !== null && index.get(key) === id) index.delete(key);
    }
  }
}

export function recordId(record: KintoneRecord): number {
  return Number(record.$id?.value);
}

/** Empty values are never duplicates in kintone, so they are not indexed. */
function indexKey(record: KintoneRecord, code: string): string | null {
  const value = record[code]?.value;
  return typeof value === "string" && value !== "" ? value : null;
}

/** First index whose id is > value (or >= value when inclusive). */
function lowerBound(ids: number[], value: number, inclusive: boolean): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const id = ids[mid] as number;
    if (inclusive ? id < value : id <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
