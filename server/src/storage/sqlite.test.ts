import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterEach, describe, expect, test } from "vitest";
import { openSqliteFile, SQLITE_FILE_NAME, StatementCache } from "./sqlite.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("the SQLite file as the backend opens it", () => {
  // Issue 16: an 8 MiB cache per connection was what still grew the peak RSS from 10,000 to 100,000
  // imported records (sqlite.ts says how it was measured); 4 MiB is full before 10,000. Rarer
  // checkpoints made the first import of 100,000 records ~15% faster.
  test("WAL, NORMAL sync, foreign keys, a page cache of 4 MiB per connection, a checkpoint every 10,000 WAL pages", () => {
    const dir = mkdtempSync(join(tmpdir(), "fa-sqlite-"));
    dirs.push(dir);
    const db = openSqliteFile(dir);
    try {
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(db.pragma("synchronous", { simple: true })).toBe(1);
      expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
      expect(db.pragma("cache_size", { simple: true })).toBe(-4096);
      expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(10_000);
    } finally {
      db.close();
    }
  });

  // Issue 16: 8 KiB pages made a first import's storage work ~18% cheaper. Only a new file can have them.
  test("a new file has 8 KiB pages; a file made with 4 KiB pages keeps them and still opens", () => {
    const dir = mkdtempSync(join(tmpdir(), "fa-sqlite-"));
    dirs.push(dir);
    const fresh = openSqliteFile(dir);
    try {
      expect(fresh.pragma("page_size", { simple: true })).toBe(8192);
    } finally {
      fresh.close();
    }
    const older = mkdtempSync(join(tmpdir(), "fa-sqlite-"));
    dirs.push(older);
    const made = new BetterSqlite3(join(older, SQLITE_FILE_NAME));
    made.pragma("journal_mode = WAL");
    made.exec("create table kept (v text); insert into kept values ('4 KiB')");
    made.close();
    const reopened = openSqliteFile(older);
    try {
      expect(reopened.pragma("page_size", { simple: true })).toBe(4096);
      expect(reopened.prepare("select v from kept").pluck().get()).toBe("4 KiB");
    } finally {
      reopened.close();
    }
  });
});

describe("the statement cache is bounded by its SQL's length as well as by count", () => {
  const sql = (name: string, length: number) => name.padEnd(length, ".");
  test.each([
    [
      "within both bounds, everything stays",
      3,
      100,
      [
        ["a", 30],
        ["b", 30],
        ["c", 30],
      ],
      ["a", "b", "c"],
    ],
    [
      "over the count, the oldest goes",
      2,
      100,
      [
        ["a", 10],
        ["b", 10],
        ["c", 10],
      ],
      ["b", "c"],
    ],
    // 500-row inserts of every row count would each hold ~0.8 MB: the text budget keeps a few.
    [
      "over the text budget, the oldest go until it fits",
      10,
      100,
      [
        ["a", 40],
        ["b", 40],
        ["c", 40],
      ],
      ["b", "c"],
    ],
    [
      "a statement longer than the budget is not kept",
      10,
      100,
      [
        ["a", 40],
        ["b", 101],
      ],
      ["a"],
    ],
  ])("%s", (_name, maxEntries, maxChars, added, kept) => {
    const cache = new StatementCache<string>(maxEntries, maxChars);
    for (const [name, length] of added as Array<[string, number]>) cache.set(sql(name, length), name);
    const present = (added as Array<[string, number]>)
      .filter(([name, length]) => cache.get(sql(name, length)) !== undefined)
      .map(([name]) => name);
    expect(present).toEqual(kept);
    expect(cache.size).toBe(kept.length);
    expect(cache.totalChars).toBeLessThanOrEqual(maxChars);
  });

  test("a statement used again is the most recent: the other one goes first", () => {
    const cache = new StatementCache<string>(2, 1000);
    cache.set("a", "a");
    cache.set("b", "b");
    cache.get("a");
    cache.set("c", "c");
    expect([cache.get("a"), cache.get("b"), cache.get("c")]).toEqual(["a", undefined, "c"]);
  });
});
