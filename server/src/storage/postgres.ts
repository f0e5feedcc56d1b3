import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { StartupError } from "../startup-error.ts";
import type { Database } from "./schema.ts";

/** True when DATABASE_URL names a PostgreSQL server (`postgres://` or `postgresql://`). */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/** The URL without its password, for logs and startup messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== "") parsed.password = "***";
    return parsed.toString();
  } catch {
    return "postgres://…";
  }
}

/**
 * Connections per process. The import writes one batch at a time and exports run 8 at a time, each
 * holding one connection for its transaction; 10 leaves room for status pages and health checks.
 */
const POOL_SIZE = 10;

/**
 * A kysely instance over a PostgreSQL pool (node-postgres, kysely's own PostgresDialect). The schema is
 * the portable one (schema.ts): every column is text or integer, so pg's default type parsing gives the
 * same JS values as SQLite, except count()/sum(), which come back as strings and are Number()ed where read.
 */
export function openPostgresKysely(url: string): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE });
  // An idle client losing its connection (server restart, network) emits 'error' on the pool: without a
  // listener that would end the process. The next query takes a fresh connection.
  pool.on("error", () => {});
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * A first query before the migrations, so a server that cannot be reached (refused, unknown host, wrong
 * password, no such database) stops the start with DATABASE_UNREACHABLE (exit 2, what to check) instead of
 * an unexpected error from inside kysely's Migrator.
 */
export async function assertReachable(db: Kysely<Database>, where: string): Promise<void> {
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    const reason = [code, message].filter((part) => part !== undefined && part !== "").join(": ");
    throw new StartupError(
      "DATABASE_UNREACHABLE",
      { database: where, reason: reason || String(error) },
      { cause: error },
    );
  }
}
