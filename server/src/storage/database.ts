import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";

export type SqliteDatabase = Database.Database;

/** The embedded database: one file under DATA_DIR, in WAL mode so readers never wait for the writer. */
export function openSqlite(dataDir: string): SqliteDatabase {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, "front-agent.sqlite"));
  db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  return db;
}

/** True when the database answers a trivial query; used by /healthz. */
export function databaseAnswers(db: SqliteDatabase): boolean {
  try {
    return db.prepare("select 1 as ok").get() !== undefined;
  } catch {
    return false;
  }
}
