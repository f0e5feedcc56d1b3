import type Database from "better-sqlite3";
import { openSqliteFile } from "./sqlite.ts";

export type SqliteDatabase = Database.Database;

/** The embedded database: one file under DATA_DIR, in WAL mode so readers never wait for the writer. */
export function openSqlite(dataDir: string): SqliteDatabase {
  return openSqliteFile(dataDir);
}

/** True when the database answers a trivial query; used by /healthz. */
export function databaseAnswers(db: SqliteDatabase): boolean {
  try {
    return db.prepare("select 1 as ok").get() !== undefined;
  } catch {
    return false;
  }
}
