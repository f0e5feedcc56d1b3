import { type Kysely, sql } from "kysely";
import type { Migration } from "kysely/migration";
import { keyHasher } from "../candidate-index.ts";
import { chunks } from "../chunks.ts";
import type { Database } from "../schema.ts";

/** Rows filled per read of the existing index. */
const FILL_PAGE = 1_000;

/**
 * Rows per UPDATE. SQLite joins the VALUES list by scanning it for each row it updates, so a statement's
 * cost grows with the square of its rows. Filling 100,000 rows on SQLite: 4.2 s at 1,000 rows a statement,
 * 1.6–1.8 s at 50–200, 1.3 s with one statement a row; on PostgreSQL, 1,000 round trips instead of 100,000.
 */
const UPDATE_ROWS = 100;

interface KeyedRow {
  tenant_id: string;
  app_id: string;
  record_id: string;
  name_key: string;
  company_key: string;
}

/**
 * The stored keys' hashes (a lookup finds a row when its key equals the stored one), one UPDATE per
 * UPDATE_ROWS rows of one tenant and app: `UPDATE … FROM (VALUES (record id, name hash, company hash), …)`, which
 * SQLite (3.33+) and PostgreSQL both accept, instead of one statement (on PostgreSQL one round trip) per
 * row. The `in` list lets SQLite find the rows by the primary key rather than walk the app's rows.
 */
async function fillHashes(db: Kysely<Database>, rows: KeyedRow[]): Promise<void> {
  const groups = new Map<string, KeyedRow[]>();
  for (const row of rows) {
    const key = `${row.tenant_id}\u0000${row.app_id}`;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  for (const group of [...groups.values()].flatMap((g) => chunks(g, UPDATE_ROWS))) {
    const first = group[0];
    if (!first) continue;
    const hash = keyHasher(first.tenant_id, first.app_id);
    const values = sql.join(
      group.map((r) => sql`(${sql.join([r.record_id, hash(r.name_key), hash(r.company_key)])})`),
    );
    await db
      .updateTable("candidate_index")
      .from(sql<{ column1: string }>`(values ${values})`.as("v"))
      .set({
        // VALUES parameters arrive untyped on PostgreSQL (text): cast back to the columns' integer.
        name_hash: sql<number>`cast(v.column2 as integer)`,
        company_hash: sql<number>`cast(v.column3 as integer)`,
      })
      .where("candidate_index.tenant_id", "=", first.tenant_id)
      .where("candidate_index.app_id", "=", first.app_id)
      .where(
        "candidate_index.record_id",
        "in",
        group.map((r) => r.record_id),
      )
      .whereRef("candidate_index.record_id", "=", "v.column1")
      .execute();
  }
}

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
        const rows: KeyedRow[] = await trx
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
        await fillHashes(trx, rows);
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
