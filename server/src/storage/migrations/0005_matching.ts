import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";

/**
 * One matching path (docs/matching.md): an export asks the candidate index for records whose normalized
 * name or company equals the customer's, so both keys are indexed; a retried export without an event-id
 * field asks which activity records other exports already hold, so the written record id is indexed.
 */
export const matching: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex("candidate_index_name_key")
      .on("candidate_index")
      .columns(["tenant_id", "app_id", "name_key"])
      .execute();
    await db.schema
      .createIndex("candidate_index_company_key")
      .on("candidate_index")
      .columns(["tenant_id", "app_id", "company_key"])
      .execute();
    await db.schema
      .createIndex("exports_kintone_record")
      .on("exports")
      .columns(["tenant_id", "kintone_record_id"])
      .execute();
  },
};
