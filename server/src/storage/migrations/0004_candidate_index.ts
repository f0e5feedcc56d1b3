import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";

/**
 * CRM候補検索 (SPEC L1) covers the whole customer app, not only the customers imported: kintone's `like`
 * is a word search, so partial matches are found here, in every record's name and company, normalized
 * (keys) for a substring search. Built by a full read of the app, kept fresh by reads of what changed.
 */
export const candidateIndex: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("candidate_index")
      .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
      .addColumn("app_id", "text", (c) => c.notNull())
      .addColumn("record_id", "text", (c) => c.notNull())
      .addColumn("record_number", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("company", "text", (c) => c.notNull())
      .addColumn("name_key", "text", (c) => c.notNull())
      .addColumn("company_key", "text", (c) => c.notNull())
      // The full build that last saw the record: rows an ended build did not see were deleted in kintone.
      .addColumn("build_id", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("candidate_index_pk", ["tenant_id", "app_id", "record_id"])
      .execute();

    await db.schema
      .createTable("candidate_index_state")
      .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
      .addColumn("app_id", "text", (c) => c.notNull())
      .addColumn("build_id", "text", (c) => c.notNull())
      .addColumn("built_at", "text", (c) => c.notNull())
      // Records updated at or after this (kintone time, minute precision) are read by the next refresh.
      .addColumn("fresh_since", "text", (c) => c.notNull())
      .addColumn("refreshed_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("candidate_index_state_pk", ["tenant_id", "app_id"])
      .execute();
  },
};
