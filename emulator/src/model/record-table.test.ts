/**
 * Reads walk the table by position (`seek`, `recordAt`) instead of by id; the positional rows must stay
 * the records `get(id)` answers through every write and every rollback, and a memo must never outlive
 * the record it was made from.
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

describe("memo", () => {
  test("kept while the record is stored, made again once it is replaced, removed or rolled back", () => {
    const table = new RecordTable();
    const journal = new Journal();
    table.insert(record(1, "a"), journal);
    let made = 0;
    const memo = (r: KintoneRecord) =>
      table.memo(r, (x) => {
        made++;
        return String(x.title?.value);
      });
    const first = table.get(1) as KintoneRecord;
    expect([memo(first), memo(first), made]).toEqual(["a", "a", 1]);

    const update = new Journal();
    table.replace(record(1, "b"), update);
    expect(memo(table.get(1) as KintoneRecord)).toBe("b");
    update.rollback();
    expect(table.get(1)).toBe(first);
    expect(memo(first)).toBe("a");
    expect(made).toBe(3);

    table.remove(1, new Journal());
    memo(first);
    memo(first);
    expect(made).toBe(5); // not stored: computed each time, never kept
  });
});
