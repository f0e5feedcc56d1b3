import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";

/**
 * How many customers a full run unlinked because their kintone record was deleted (SPEC I11): the status
 * panel shows it beside the run, so the administrator sees what the 全件同期 did, not only what it read.
 */
export const runUnlinked: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable("import_runs")
      .addColumn("unlinked", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable("import_runs").dropColumn("unlinked").execute();
  },
};
