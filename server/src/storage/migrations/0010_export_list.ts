import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";

/**
 * The administrator's list of exports (GET /v1/kintone/exports): newest first, paged by (created_at, id),
 * all of them or those of one status. An export is kept per meeting, so a tenant gathers many; without
 * these the first page would sort every export of the tenant.
 */
export const exportList: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex("exports_newest")
      .on("exports")
      .columns(["tenant_id", "created_at", "id"])
      .execute();
    await db.schema
      .createIndex("exports_status_newest")
      .on("exports")
      .columns(["tenant_id", "status", "created_at", "id"])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex("exports_status_newest").execute();
    await db.schema.dropIndex("exports_newest").execute();
  },
};
