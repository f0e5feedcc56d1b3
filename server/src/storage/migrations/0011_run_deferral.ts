import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";

/**
 * A run waiting for the next day's kintone request budget (a full sync that would pass it) stays
 * `running`, its job queued for the next day; the run says until when, so the status panel shows it waits
 * rather than looking stuck. Null for a run that is not waiting.
 */
export const runDeferral: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable("import_runs").addColumn("deferred_until", "text").execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable("import_runs").dropColumn("deferred_until").execute();
  },
};
