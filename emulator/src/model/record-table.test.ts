/**
 * Reads walk the table by position (`seek`, `recordAt`) instead of by id and serve each record's stored
 * JSON; the positional rows must stay the records `get(id)` answers through every write and every
 * rollback, and stored JSON must always be the record's own.
 */
import { describe, expect, test } from "vitest";
import { prng } from "../records/fixtures.ts";
import { Journal } from "./journal.ts";
import type { KintoneRecord } from "./kintone-types.ts";
import { RecordTable } from "./record-table.ts";

function record(id: number, title: string): KintoneRecord {
  return {
    $id: { type: "__ID__", value: String(id) },
    title: { type: "SINGLE_LINE_TEXT", value: title },
  };
}

/** Positions agree with ids: every position holds the record get() gives for its id, ids ascending. */
function expectConsistent(table: RecordTable): void {
  const ids = [...table.ascending()];
  expect(table.size).toBe(ids.length);
  ids.forEach((id, position) => {
    expect(table.idAt(position)).toBe(id);
    expect(table.recordAt(position)).toBe(table.get(id));
    expect(table.seek(id, true)).toBe(position);
    expect(table.seek(id, false)).toBe(position + 1);
  });
}

describe("positional reads follow writes", () => {
  test("random inserts, replacements and removals, some rolled back", () => {
    const rand = prng(3);
    const table = new RecordTable();
    for (let round = 0; round < 60; round++) {
      const journal = new Journal();
      for (let k = 0; k < 5; k++) {
        const ids = [...table.ascending()];
        const existing = ids[Math.floor(rand() * ids.length)];
        const action = rand();
        if (action < 0.5 || existing === undefined)
          table.insert(record(table.takeId(), `r${round}`), journal);
        else if (action < 0.8) table.replace(record(existing, `changed ${round}`), journal);
        else table.remove(existing, journal);
      }
      if (rand() < 0.3) journal.rollback();
      expectConsistent(table);
    }
  });

  test("seek between ids and outside them", () => {
    const table = new RecordTable();
    const journal = new Journal();
    for (const id of [2, 4, 6]) table.insert(record(id, ""), journal);
    expect([table.seek(0, false), table.seek(3, false), table.seek(3, true), table.seek(6, false)]).toEqual([
      0, 1, 1, 3,
    ]);
  });
});

describe("stored JSON", () => {
  const text = (table: RecordTable, r: KintoneRecord) => table.json(r).bytes.toString("utf8");

  test("encoded when stored, kept while stored, given back by a rollback, afresh for records not held", () => {
    const table = new RecordTable();
    table.insert(record(1, "a"), new Journal());
    const first = table.get(1) as KintoneRecord;
    const stored = table.json(first);
    expect(table.json(first)).toBe(stored);
    expect(text(table, first)).toBe(JSON.stringify(first));

    const update = new Journal();
    table.replace(record(1, "b"), update);
    const second = table.get(1) as KintoneRecord;
    expect(text(table, second)).toBe(JSON.stringify(second));
    expect(table.json(first)).not.toBe(stored); // no longer held: encoded again, not kept
    update.rollback();
    expect(table.json(first)).toBe(stored);

    const removal = new Journal();
    table.remove(1, removal);
    expect(table.json(first)).not.toBe(stored);
    removal.rollback();
    expect(table.json(first)).toBe(stored);
  });

  test("a form migration re-encodes what it changes", () => {
    const table = new RecordTable();
    table.insert(record(1, "a"), new Journal());
    table.insert(record(2, "b"), new Journal());
    const kept = table.json(table.get(2) as KintoneRecord);
    table.rewriteAll((r) => (r.$id?.value === "1" ? record(1, "migrated") : r));
    expect(text(table, table.get(1) as KintoneRecord)).toContain("migrated");
    expect(table.json(table.get(2) as KintoneRecord)).toBe(kept);
  });
});
