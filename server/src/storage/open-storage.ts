import { join } from "node:path";
import { type KeyToCheck, verifySecretKey } from "./key-check.ts";
import { migrateToLatest } from "./migrate.ts";
import { openSqliteKysely, SQLITE_FILE_NAME } from "./sqlite.ts";
import { createStorage, type Storage } from "./storage.ts";

export interface StorageOptions {
  /** Where the SQLite file lives (DATA_DIR); created if missing. */
  dataDir: string;
  /** The key the stored secrets are encrypted with: refused when it is not the database's (key-check.ts). */
  secretKey?: KeyToCheck;
}

/**
 * Opens the embedded SQLite database (refusing an empty or damaged file), brings its schema up to date,
 * checks the secret key against it, and returns the Storage over it.
 */
export async function openStorage({ dataDir, secretKey }: StorageOptions): Promise<Storage> {
  const db = openSqliteKysely(dataDir);
  try {
    await migrateToLatest(db);
    if (secretKey) await verifySecretKey(db, secretKey, join(dataDir, SQLITE_FILE_NAME), new Date());
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return createStorage(db);
}
