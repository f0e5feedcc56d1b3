import { type Compilable, CompiledQuery, PostgresAdapter, type QueryResult } from "kysely";
import type { Db } from "./schema.ts";

const MARK = "\u0000fa-param:";

/** A stand-in for a value given when the prepared query runs. */
export type Param<T> = T & { readonly __param: true };

/**
 * A query built and compiled once, run again with new values. kysely builds and compiles every query on
 * every call — about 50 µs in the profile, a quarter of the backend's time per assist event across the
 * few statements each export runs. The builder gets `p.name` placeholders where the values go; it must
 * use them as they are (no function of them), and its shape must not depend on them. Runs on the Db it
 * is given, so inside a transaction it joins the transaction. Compiled once per dialect: SQLite's `?` and
 * PostgreSQL's `$1` differ, and one process may hold both (the tests do).
 */
export function prepared<P extends object, O>(
  build: (db: Db, p: { [K in keyof P]: Param<P[K]> }) => Compilable<O>,
): (db: Db, values: P) => Promise<QueryResult<O>> {
  const byDialect = new Map<Dialect, { sql: string; slots: Array<{ name: string } | { value: unknown }> }>();
  return async (db, values) => {
    const dialect = dialectOf(db);
    let compiled = byDialect.get(dialect);
    if (compiled === undefined) {
      const marks = new Proxy({} as { [K in keyof P]: Param<P[K]> }, {
        get: (_target, name) => `${MARK}${String(name)}`,
      });
      const query = build(db, marks).compile();
      compiled = {
        sql: query.sql,
        slots: query.parameters.map((value) =>
          typeof value === "string" && value.startsWith(MARK)
            ? { name: value.slice(MARK.length) }
            : { value },
        ),
      };
      byDialect.set(dialect, compiled);
    }
    const named = values as Record<string, unknown>;
    const parameters = compiled.slots.map((slot) => ("name" in slot ? named[slot.name] : slot.value));
    return db.executeQuery<O>(CompiledQuery.raw(compiled.sql, parameters));
  };
}

/**
 * The SQL text of a multi-row statement whose text depends only on how many rows it writes, compiled once
 * per database kind and row count through kysely (keeping the dialect's placeholders); the caller passes
 * the values. For the import's per-page writes (issue 16): kysely building and compiling 500 rows of
 * values cost more than the database's own work, on every page before this, and ~20–30 ms the first time
 * in a process (what `prepareImport` does at the start of the jobs).
 */
export function textByRows(
  build: (db: Db, rows: number) => Compilable<unknown>,
): (db: Db, rows: number) => string {
  const byDialect = new Map<Dialect, Map<number, string>>();
  return (db, rows) => {
    const dialect = dialectOf(db);
    let texts = byDialect.get(dialect);
    if (texts === undefined) {
      texts = new Map();
      byDialect.set(dialect, texts);
    }
    let text = texts.get(rows);
    if (text === undefined) {
      text = build(db, rows).compile().sql;
      texts.set(rows, text);
    }
    return text;
  };
}

/** What SQL text depends on: the database kind, one value per kysely dialect (its adapter's class). */
export type Dialect = object;

export function dialectOf(db: Db): Dialect {
  return db.getExecutor().adapter.constructor;
}

/** For the few statements that differ: PostgreSQL's row locks (SKIP LOCKED) have no SQLite counterpart. */
export function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
