import { migrateToLatest } from "./migrate.ts";
import { openSqliteKysely } from "./sqlite.ts";
import { createStorage, type Storage } from "./storage.ts";

export interface StorageOptions {
  /** Where the SQLite file lives (DATA_DIR); created if missing. */
  dataDir: string;
}

/** Opens the embedded SQLite database, brings its schema up to date and returns the Storage over it. */
export async function openStorage({ dataDir }: StorageOptions): Promise<Storage> {
  const db = openSqliteKysely(dataDir);
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return createStorage(db);
}
