import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { openSqliteFile } from "./sqlite.ts";

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
});
