import { CompiledQuery, type Kysely } from "kysely";
import { describe, expect, test } from "vitest";
import { openPostgresKysely } from "./postgres.ts";
import { prepared, textByRows } from "./prepared.ts";
import type { Database } from "./schema.ts";
import { openSqliteKysely } from "./sqlite.ts";
import { STORAGE_KINDS, useTempStorage } from "./testing.ts";

// One prepared query for both databases, as in production code (module-level): it must compile once per
// dialect, not once per process (SQLite's `?` run on PostgreSQL is a syntax error, and the reverse).
const tenantName = prepared<{ id: string }, { name: string }>((db, p) =>
  db.selectFrom("tenants").select("name").where("id", "=", p.id).where("name", "!=", "constant"),
);

describe.each(STORAGE_KINDS)("on %s", (kind) => {
  const t = useTempStorage(kind, ["t1", "t2"]);

  const open = (): Kysely<Database> =>
    t.databaseUrl === null ? openSqliteKysely(t.dataDir) : openPostgresKysely(t.databaseUrl);

  describe("prepared queries", () => {
    test("compiled once, run with each call's values; constants kept", async () => {
      const names: string[] = [];
      const kysely = open();
      try {
        for (const id of ["t1", "t2", "none"]) {
          const result = await tenantName(kysely, { id });
          names.push(result.rows[0]?.name ?? "-");
        }
        await kysely.transaction().execute(async (trx) => {
          names.push((await tenantName(trx, { id: "t2" })).rows[0]?.name ?? "-");
        });
      } finally {
        await kysely.destroy();
      }
      expect(names).toEqual(["tenant t1", "tenant t2", "-", "tenant t2"]);
    });
  });

  test("a multi-row statement's text: built once per row count, in this database's placeholders, and it runs", async () => {
    const built: number[] = [];
    const insertNames = textByRows((db, rows) => {
      built.push(rows);
      return db
        .insertInto("leases")
        .values(Array.from({ length: rows }, () => ({ name: "", holder: "", lease_until: "" })));
    });
    const kysely = open();
    try {
      const two = insertNames(kysely, 2);
      expect(insertNames(kysely, 2)).toBe(two);
      insertNames(kysely, 3);
      expect(built).toEqual([2, 3]);
      expect(two).toContain(t.databaseUrl === null ? "(?, ?, ?), (?, ?, ?)" : "($1, $2, $3), ($4, $5, $6)");
      await kysely.executeQuery(
        CompiledQuery.raw(two, [
          "text-by-rows a",
          "h",
          "2026-01-01T00:00:00.000Z",
          "text-by-rows b",
          "h",
          "2026-01-01T00:00:00.000Z",
        ]),
      );
      const rows = await kysely.selectFrom("leases").select("name").where("holder", "=", "h").execute();
      expect(rows.map((r) => r.name).sort()).toEqual(["text-by-rows a", "text-by-rows b"]);
    } finally {
      await kysely.destroy();
    }
  });
});
