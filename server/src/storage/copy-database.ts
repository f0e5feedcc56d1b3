import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Kysely } from "kysely";
import { StartupError } from "../startup-error.ts";
import type { KeyToCheck } from "./key-check.ts";
import { openStorage } from "./open-storage.ts";
import { openPostgresKysely, redactUrl } from "./postgres.ts";
import type { Database } from "./schema.ts";
import { openSqliteKysely, SQLITE_FILE_NAME } from "./sqlite.ts";

/**
 * Every table the copy carries, parents before children so each row's foreign keys are already there
 * (tested against SQLite's own list of foreign keys). The one place a new table must be added: the type
 * check below fails the build for a table of schema.ts that is neither here nor in NOT_COPIED, and a test
 * fails for a table of the migrated SQLite file that is in neither.
 */
export const COPIED_TABLES = [
  "tenants",
  "settings",
  "customers",
  "import_runs",
  "import_run_issues",
  "jobs",
  "kintone_request_counts",
  "fa_users",
  "exports",
  "candidate_index",
  "candidate_index_state",
  "key_check",
] as const satisfies readonly (keyof Database)[];

export type CopiedTable = (typeof COPIED_TABLES)[number];

/** Tables left behind on purpose, and why. */
export const NOT_COPIED = {
  kysely_migration: "the target's own record of its migrations, which ran when it was opened",
  kysely_migration_lock: "the target's own migration lock",
  leases: "claims of running processes, which end with them: the server is stopped for the copy",
} as const;

/** Compiles only while every table of schema.ts is in COPIED_TABLES or NOT_COPIED. */
export type EveryTableDecided = MustBeNever<Exclude<keyof Database, CopiedTable | keyof typeof NOT_COPIED>>;
type MustBeNever<T extends never> = T;

/** Rows per insert; fewer for a wide table, so that no statement nears PostgreSQL's 65,535 parameters. */
const BATCH_ROWS = 500;
const MAX_PARAMETERS = 60_000;

/** Any table as plain rows: the copy moves values as stored (text and integers), never reading them. */
type Row = Record<string, unknown>;
/**
 * The databases as the copy sees them: every table a table of plain rows (kysely's withTables adds the
 * types only; the queries are the same), so one loop serves every table of COPIED_TABLES.
 */
type AnyTables = Database & Record<string, Row>;

function asPlainRows(db: Kysely<Database>): Kysely<AnyTables> {
  return db.withTables<Record<string, Row>>();
}

export interface CopyTarget {
  /** The empty target, its schema migrated to the source's version. */
  db: Kysely<Database>;
  /** How messages name it (redactUrl: never the password). */
  name: string;
}

/**
 * Copies every row of `source` into `target` in one transaction on the target, and checks that each table
 * then holds as many rows as the source's: all of it, or nothing. Refuses (COPY_TARGET_NOT_EMPTY) a target
 * that already holds data, except for a key check row of the source's own value (the target was opened
 * with the same key), which the source's row replaces. Values go across as stored — the secrets still
 * encrypted — so the same key reads them. The source is read in one transaction (a consistent snapshot)
 * and streamed, which kysely does on SQLite.
 */
export async function copyDatabase(
  sourceDb: Kysely<Database>,
  { db: targetDb, name }: CopyTarget,
): Promise<Record<CopiedTable, number>> {
  const source = asPlainRows(sourceDb);
  const target = asPlainRows(targetDb);
  return source.transaction().execute((from) =>
    target.transaction().execute(async (to) => {
      // Opening the target with the key wrote its key check row, the source's own value: the source's row
      // (the same value, the original date) takes its place. Any other row means another key's database.
      if (await sameKeyCheck(from, to)) await to.deleteFrom("key_check").execute();
      for (const table of COPIED_TABLES) {
        if (await hasRows(to, table))
          throw new StartupError("COPY_TARGET_NOT_EMPTY", { database: name, table });
      }
      const copied = {} as Record<CopiedTable, number>;
      for (const table of COPIED_TABLES) {
        const expected = await count(from, table);
        const read = await copyTable(from, to, table);
        const found = await count(to, table);
        if (read !== expected || found !== expected) {
          throw new Error(
            `copying ${table}: the source holds ${expected} rows, ${read} were read, the target holds ${found}`,
          );
        }
        copied[table] = found;
      }
      return copied;
    }),
  );
}

async function sameKeyCheck(from: Kysely<AnyTables>, to: Kysely<AnyTables>): Promise<boolean> {
  const values = async (db: Kysely<AnyTables>) =>
    (await db.selectFrom("key_check").select("value").execute()).map((row) => String(row.value));
  const [source, target] = [await values(from), await values(to)];
  return target.length > 0 && source.join("\n") === target.join("\n");
}

async function hasRows(db: Kysely<AnyTables>, table: string): Promise<boolean> {
  const rows = await db
    .selectFrom(table)
    .select((eb) => eb.lit(1).as("one"))
    .limit(1)
    .execute();
  return rows.length > 0;
}

async function copyTable(from: Kysely<AnyTables>, to: Kysely<AnyTables>, table: string): Promise<number> {
  let batch: Row[] = [];
  let rows = 0;
  let batchRows = BATCH_ROWS;
  const flush = async () => {
    if (batch.length === 0) return;
    await to.insertInto(table).values(batch).execute();
    rows += batch.length;
    batch = [];
  };
  for await (const row of from.selectFrom(table).selectAll().stream()) {
    if (batch.length === 0)
      batchRows = Math.min(BATCH_ROWS, Math.floor(MAX_PARAMETERS / Object.keys(row).length));
    batch.push(row);
    if (batch.length >= batchRows) await flush();
  }
  await flush();
  return rows;
}

async function count(db: Kysely<AnyTables>, table: string): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  // PostgreSQL's count() is a bigint, which node-postgres gives as a string.
  return Number(row.n);
}

export interface CopyToPostgresOptions {
  /** DATA_DIR: where front-agent.sqlite is. */
  dataDir: string;
  /** `postgres://…` of an empty database. */
  databaseUrl: string;
  /** The key the source's secrets are encrypted with; checked against both databases. */
  secretKey: KeyToCheck;
}

/**
 * `cli database copy`: the SQLite database under `dataDir` into the PostgreSQL one at `databaseUrl`. Both are
 * first opened as the server opens them (openStorage: a damaged file, an unreachable server and a wrong key
 * are refused; the migrations bring both to this version's schema), then copied. Refuses a missing source
 * file instead of copying a new empty one.
 */
export async function copySqliteToPostgres({
  dataDir,
  databaseUrl,
  secretKey,
}: CopyToPostgresOptions): Promise<{ copied: Record<CopiedTable, number>; target: string }> {
  assertSqliteSource(dataDir);
  // openStorage does every check and migration; the copy then needs the kysely instances, which a
  // Storage does not hand out, so each database is opened again once checked.
  await (await openStorage({ dataDir, secretKey })).close();
  try {
    await (await openStorage({ dataDir, databaseUrl, secretKey })).close();
  } catch (error) {
    // The start's message says to check DATABASE_URL; here the URL is --to.
    if (!(error instanceof StartupError && error.code === "DATABASE_UNREACHABLE")) throw error;
    throw new StartupError("COPY_TARGET_UNREACHABLE", error.params, { cause: error });
  }
  const source = openSqliteKysely(dataDir);
  const target = openPostgresKysely(databaseUrl);
  try {
    const name = redactUrl(databaseUrl);
    return { copied: await copyDatabase(source, { db: target, name }), target: name };
  } finally {
    await Promise.all([source.destroy(), target.destroy()]);
  }
}

/**
 * Refuses (COPY_SOURCE_MISSING) a DATA_DIR without front-agent.sqlite: opening it would make a new, empty
 * one, and copy nothing. The CLI asks before loading the key, which would generate a secret.key there.
 */
export function assertSqliteSource(dataDir: string): void {
  const path = join(dataDir, SQLITE_FILE_NAME);
  if (!existsSync(path)) throw new StartupError("COPY_SOURCE_MISSING", { path });
}
