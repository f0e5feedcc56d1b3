import type { Kysely } from "kysely";
import { describe, expect, test } from "vitest";
import { openPostgresKysely } from "./postgres.ts";
import { prepared } from "./prepared.ts";
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
});
