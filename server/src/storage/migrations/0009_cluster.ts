import { type Kysely, sql } from "kysely";
import type { Migration } from "kysely/migration";

/**
 * Several processes on one database (docs/operator-guide.md "Several machines"):
 * - `leases`: named, expiring claims (the scheduler's tick, a tenant's kintone request slots, the lock on
 *   registering a customer), taken with one atomic statement on both databases and given back on their
 *   own when the process that held them dies;
 * - at most one running import run per tenant, said by the database: two processes starting a sync in the
 *   same instant both saw "none running" in their own transaction and both started one.
 */
export const cluster: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("leases")
      .addColumn("name", "text", (c) => c.primaryKey())
      .addColumn("holder", "text", (c) => c.notNull())
      .addColumn("lease_until", "text", (c) => c.notNull())
      .execute();
    // A database that already has two running runs of a tenant (the race above) keeps the newest; the
    // older ones end as interrupted, which is what they are (nothing carries them any more).
    await sql`
      update import_runs set status = 'failed', error = 'IMPORT_INTERRUPTED', finished_at = started_at
      where status = 'running' and exists (
        select 1 from import_runs newer
        where newer.tenant_id = import_runs.tenant_id and newer.status = 'running'
          and (newer.started_at > import_runs.started_at
               or (newer.started_at = import_runs.started_at and newer.id > import_runs.id)))
    `.execute(db);
    await db.schema
      .createIndex("import_runs_one_running")
      .on("import_runs")
      .column("tenant_id")
      .unique()
      .where(sql.ref("status"), "=", "running")
      .execute();
  },
};
