import { join } from "node:path";
import type { Kysely } from "kysely";
import { type KeyToCheck, verifySecretKey } from "./key-check.ts";
import { migrateToLatest } from "./migrate.ts";
import { assertReachable, openPostgresKysely, redactUrl } from "./postgres.ts";
import type { Database } from "./schema.ts";
import { openSqliteKysely, SQLITE_FILE_NAME } from "./sqlite.ts";
import { createStorage, type Storage } from "./storage.ts";

export interface StorageOptions {
  /** Where the SQLite file lives (DATA_DIR); created if missing. Unused with `databaseUrl`. */
  dataDir: string;
  /** `postgres://…` (DATABASE_URL): PostgreSQL instead of the SQLite file. */
  databaseUrl?: string | null;
  /** The key the stored secrets are encrypted with: refused when it is not the database's (key-check.ts). */
  secretKey?: KeyToCheck;
}

/**
 * Opens the database — PostgreSQL when `databaseUrl` is given, else the embedded SQLite file (refusing an
 * empty or damaged file) — brings its schema up to date, checks the secret key against it, and returns
 * the Storage over it. The same migrations and queries serve both (schema.ts).
 */
export async function openStorage({ dataDir, databaseUrl, secretKey }: StorageOptions): Promise<Storage> {
  let db: Kysely<Database>;
  let where: string;
  if (databaseUrl) {
    db = openPostgresKysely(databaseUrl);
    where = redactUrl(databaseUrl);
  } else {
    db = openSqliteKysely(dataDir);
    where = join(dataDir, SQLITE_FILE_NAME);
  }
  try {
    if (databaseUrl) await assertReachable(db, where);
    await migrateToLatest(db);
    if (secretKey) await verifySecretKey(db, secretKey, where, new Date());
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return createStorage(db);
}
