import { type Kysely, sql } from "kysely";
import type { Migration } from "kysely/migration";

/**
 * The key check value of the key the database's secrets are encrypted with (storage/key-check.ts), in a
 * table of one row: a start with another key is refused instead of answering 500 to every event.
 */
export const keyCheck: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("key_check")
      .addColumn("id", "integer", (c) => c.primaryKey().check(sql`id = 1`))
      .addColumn("value", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();
  },
};
