import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";

/**
 * The record key (plugin/README.md "Threat model"): what kintone's proxy adds for record pages, good for
 * the record button's one call only. Kept as a hash like the other secrets; issued anew by every save.
 */
export const recordKey: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable("tenants").addColumn("record_key_hash", "text").execute();
    await db.schema.createIndex("tenants_record_key").on("tenants").column("record_key_hash").execute();
  },
};
