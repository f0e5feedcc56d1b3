import { type Kysely, sql } from "kysely";
import type { Migration } from "kysely/migration";

/**
 * The first schema. Written with kysely's schema builder and plain `text`/`integer` types so the same
 * migration creates the same tables on PostgreSQL. A migration is frozen once released: change the schema
 * with a new numbered file, never by editing this one (databases in the field already ran it).
 */
export const initial: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("tenants")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("connection_key_hash", "text", (c) => c.notNull().unique())
      .addColumn("service_token_hash", "text", (c) => c.notNull().unique())
      .addColumn("webhook_secret_enc", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("settings")
      .addColumn("tenant_id", "text", (c) => c.primaryKey().references("tenants.id"))
      .addColumn("body", "text", (c) => c.notNull())
      .addColumn("customer_token_enc", "text")
      .addColumn("activity_token_enc", "text")
      .addColumn("import_key", "text")
      .addColumn("saved_at", "text", (c) => c.notNull())
      .execute();

    // Keyed (tenant_id, id): every query names the tenant, and one index then serves lookups by id and
    // the keyset listing within a tenant (a separate id key plus a (tenant_id, id) index meant two index
    // writes per imported customer for one purpose).
    await db.schema
      .createTable("customers")
      .addColumn("id", "text", (c) => c.notNull())
      .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("company", "text", (c) => c.notNull())
      .addColumn("department", "text", (c) => c.notNull())
      .addColumn("email", "text", (c) => c.notNull())
      .addColumn("phone", "text", (c) => c.notNull())
      .addColumn("address", "text", (c) => c.notNull())
      .addColumn("identity_key", "text", (c) => c.notNull())
      .addColumn("kintone_app_id", "text")
      .addColumn("kintone_record_id", "text")
      .addColumn("kintone_record_number", "text")
      .addColumn("kintone_revision", "text")
      .addColumn("unlinked_reason", "text")
      .addColumn("unlinked_at", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("customers_pk", ["tenant_id", "id"])
      .execute();
    // One FA customer per kintone record. Partial, so unlinked customers (record id NULL) stay out of it;
    // it also serves findByLinks and the reconciliation's paging by record id.
    await db.schema
      .createIndex("customers_kintone_link")
      .unique()
      .on("customers")
      .columns(["tenant_id", "kintone_app_id", "kintone_record_id"])
      .where(sql.ref("kintone_record_id"), "is not", null)
      .execute();
    // I7: the import looks unlinked customers up by normalized (name, company). Partial: only unlinked
    // customers are ever looked up this way, and leaving the linked ones out means an import (which only
    // makes linked customers) never writes this index — a random-key index, the costliest kind to grow.
    await db.schema
      .createIndex("customers_identity")
      .on("customers")
      .columns(["tenant_id", "identity_key"])
      .where(sql.ref("kintone_record_id"), "is", null)
      .execute();

    await db.schema
      .createTable("import_runs")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("started_at", "text", (c) => c.notNull())
      .addColumn("finished_at", "text")
      .addColumn("read", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("created", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("updated", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("skipped", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("failed", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("error", "text")
      .addColumn("kintone_requests", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("resume", "text")
      .addColumn("watermark", "text")
      .execute();
    await db.schema
      .createIndex("import_runs_tenant_started")
      .on("import_runs")
      .columns(["tenant_id", "started_at"])
      .execute();
    await db.schema
      .createIndex("import_runs_tenant_status")
      .on("import_runs")
      .columns(["tenant_id", "status", "started_at"])
      .execute();

    await db.schema
      .createTable("import_run_issues")
      .addColumn("run_id", "text", (c) => c.notNull().references("import_runs.id"))
      .addColumn("record_id", "text", (c) => c.notNull())
      .addColumn("seq", "integer", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("reason", "text", (c) => c.notNull())
      .addColumn("detail", "text")
      // One issue per record per run, so a resumed run that meets the same record again does not add it twice.
      .addPrimaryKeyConstraint("import_run_issues_pk", ["run_id", "record_id"])
      .execute();
    await db.schema
      .createIndex("import_run_issues_order")
      .on("import_run_issues")
      .columns(["run_id", "seq"])
      .execute();

    await db.schema
      .createTable("jobs")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("payload", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("run_at", "text", (c) => c.notNull())
      .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("lease_until", "text")
      .addColumn("last_error", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    // claim(): queued jobs that are due, and running jobs whose lease ran out.
    await db.schema.createIndex("jobs_due").on("jobs").columns(["status", "run_at"]).execute();
    await db.schema.createIndex("jobs_lease").on("jobs").columns(["status", "lease_until"]).execute();
    await db.schema
      .createIndex("jobs_tenant_kind")
      .on("jobs")
      .columns(["tenant_id", "kind", "status"])
      .execute();

    await db.schema
      .createTable("kintone_request_counts")
      .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
      .addColumn("app_id", "text", (c) => c.notNull())
      .addColumn("day", "text", (c) => c.notNull())
      .addColumn("count", "integer", (c) => c.notNull())
      .addPrimaryKeyConstraint("kintone_request_counts_pk", ["tenant_id", "app_id", "day"])
      .execute();
  },
};
