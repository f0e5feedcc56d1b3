import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";
import { keyHasher } from "../candidate-index.ts";
import type { Database } from "../schema.ts";

/** Rows filled per read of the existing index. */
const FILL_PAGE = 1_000;

/**
 * The candidate index's exact lookups seek a 32-bit hash of (tenant, app, key) instead of the text keys
 * (issue 16, storage/candidate-index.ts keyHasher): the two text indexes, in random key order, were too
 * large for the page cache and half of a first import's SQLite time. The hashes of the rows already there
 * are filled here, so the index keeps answering without a rebuild.
 */
export const candidateIndexHash: Migration = {
  async up(untyped: Kysely<unknown>) {
    const db = untyped as Kysely<Database>;
    for (const column of ["name_hash", "company_hash"])
      await db.schema
        .alterTable("candidate_index")
        .addColumn(column, "integer", (c) => c.notNull().defaultTo(0))
        .execute();
    // SQLite runs a migration outside a transaction (kysely: no transactional DDL): one for the fill.
    const fill = async (trx: Kysely<Database>) => {
      let after: [string, string, string] | null = null;
      for (;;) {
        const from: [string, string, string] | null = after;
        const rows: Array<{
          tenant_id: string;
          app_id: string;
          record_id: string;
          name_key: string;
          company_key: string;
        }> = await trx
          .selectFrom("candidate_index")
          .select(["tenant_id", "app_id", "record_id", "name_key", "company_key"])
          .$if(from !== null, (q) =>
            q.where((eb) => {
              const [tenant, app, record] = from ?? ["", "", ""];
              return eb(eb.refTuple("tenant_id", "app_id", "record_id"), ">", eb.tuple(tenant, app, record));
            }),
          )
          .orderBy("tenant_id")
          .orderBy("app_id")
          .orderBy("record_id")
          .limit(FILL_PAGE)
          .execute();
        for (const row of rows) {
          const hash = keyHasher(row.tenant_id, row.app_id);
          // The stored keys' hashes: a lookup finds a row when its key equals the stored one.
          await trx
            .updateTable("candidate_index")
            .set({ name_hash: hash(row.name_key), company_hash: hash(row.company_key) })
            .where("tenant_id", "=", row.tenant_id)
            .where("app_id", "=", row.app_id)
            .where("record_id", "=", row.record_id)
            .execute();
        }
        const last: (typeof rows)[number] | undefined = rows.at(-1);
        if (rows.length < FILL_PAGE || last === undefined) break;
        after = [last.tenant_id, last.app_id, last.record_id];
      }
    };
    if (db.isTransaction) await fill(db);
    else await db.transaction().execute(fill);
    await db.schema.dropIndex("candidate_index_name_key").execute();
    await db.schema.dropIndex("candidate_index_company_key").execute();
    await db.schema
      .createIndex("candidate_index_name_hash")
      .on("candidate_index")
      .column("name_hash")
      .execute();
    await db.schema
      .createIndex("candidate_index_company_hash")
      .on("candidate_index")
      .column("company_hash")
      .execute();
  },
  async down(untyped: Kysely<unknown>) {
    const db = untyped as Kysely<Database>;
    await db.schema.dropIndex("candidate_index_name_hash").execute();
    await db.schema.dropIndex("candidate_index_company_hash").execute();
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
    await db.schema.alterTable("candidate_index").dropColumn("name_hash").execute();
    await db.schema.alterTable("candidate_index").dropColumn("company_hash").execute();
  },
};
