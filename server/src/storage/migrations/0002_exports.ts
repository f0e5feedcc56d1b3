import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";

/**
 * Front Agent users (for 担当者 and 作成者) and minutes exports. An export row is written before the assist
 * event is answered with 202 and holds the event itself, so nothing accepted is ever lost; one export per
 * (tenant, eventId) makes a delivered-twice event answer with the existing export.
 */
export const exportsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("fa_users")
      .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
      .addColumn("id", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("email", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("fa_users_pk", ["tenant_id", "id"])
      .execute();

    await db.schema
      .createTable("exports")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
      .addColumn("event_id", "text", (c) => c.notNull())
      .addColumn("event", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("customer_id", "text")
      .addColumn("kintone_record_id", "text")
      .addColumn("reason", "text")
      .addColumn("reason_params", "text")
      .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("exports_event")
      .unique()
      .on("exports")
      .columns(["tenant_id", "event_id"])
      .execute();
    // Status counts for /status and /metrics, and the exports waiting for a customer to be linked.
    await db.schema
      .createIndex("exports_status")
      .on("exports")
      .columns(["tenant_id", "status", "customer_id"])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("exports").execute();
    await db.schema.dropTable("fa_users").execute();
  },
};
