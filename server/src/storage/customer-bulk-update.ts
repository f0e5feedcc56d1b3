import { type RawBuilder, sql, type Updateable } from "kysely";
import { chunks } from "./chunks.ts";
import { NEW_CUSTOMER_COLUMNS } from "./customer-rows.ts";
import type { CustomersTable, Db } from "./schema.ts";

type UpdatableColumn = Exclude<keyof CustomersTable, "id" | "tenant_id" | "created_at">;
export type CustomerUpdate = { id: string } & Partial<Record<UpdatableColumn, string | null>>;

/**
 * Column order of the VALUES rows; fixed so equal shapes give equal SQL (and a reused prepared statement):
 * a new customer's columns less those an update never sets.
 */
const COLUMNS = NEW_CUSTOMER_COLUMNS.filter(
  (column): column is UpdatableColumn => column !== "id" && column !== "tenant_id" && column !== "created_at",
);

/** 500 rows × at most 16 values: well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const ROWS_PER_STATEMENT = 500;

/**
 * Updates many customers of one tenant with one statement per shape (the set of columns given):
 * `UPDATE customers SET c = v.columnN FROM (VALUES (…), …) AS v WHERE customers.id = v.column1`.
 * Both SQLite (3.33+) and PostgreSQL accept it and both name VALUES columns column1…N, so it stays
 * portable; it replaces 500 single-row statements (500 round trips on PostgreSQL) by one.
 * Throws when an id is not a customer of the tenant. Must run inside the caller's transaction.
 */
export async function updateCustomers(
  trx: Db,
  tenantId: string,
  updates: readonly CustomerUpdate[],
): Promise<void> {
  // One row per id (later fields win): a VALUES list naming a row twice would update it once, arbitrarily.
  const merged = new Map<string, CustomerUpdate>();
  for (const update of updates) merged.set(update.id, { ...merged.get(update.id), ...update });

  const byShape = new Map<string, { columns: UpdatableColumn[]; rows: CustomerUpdate[] }>();
  for (const row of merged.values()) {
    const columns = COLUMNS.filter((c) => row[c] !== undefined);
    const key = columns.join(",");
    const group = byShape.get(key) ?? { columns, rows: [] };
    group.rows.push(row);
    byShape.set(key, group);
  }

  for (const { columns, rows } of byShape.values()) {
    if (columns.length === 0) continue;
    for (const part of chunks(rows, ROWS_PER_STATEMENT)) {
      const values = sql.join(
        part.map((row) => sql`(${sql.join([row.id, ...columns.map((c) => row[c] ?? null)])})`),
      );
      const set: Record<string, RawBuilder<unknown>> = {};
      for (const [i, column] of columns.entries()) set[column] = sql.ref(`v.column${i + 2}`);
      const result = await trx
        .updateTable("customers")
        .from(sql<{ column1: string }>`(values ${values})`.as("v"))
        // Keys are UpdatableColumns; kysely cannot type a column set built at run time.
        .set(set as Updateable<CustomersTable>)
        .where("customers.tenant_id", "=", tenantId)
        // Redundant with the join, but it lets the planner find the rows by primary key: SQLite cannot
        // index a VALUES list and would otherwise walk every customer of the tenant for each statement.
        .where(
          "customers.id",
          "in",
          part.map((row) => row.id),
        )
        .whereRef("customers.id", "=", "v.column1")
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== part.length) await throwMissing(trx, tenantId, part);
    }
  }
}

async function throwMissing(trx: Db, tenantId: string, rows: readonly CustomerUpdate[]): Promise<never> {
  const ids = rows.map((r) => r.id);
  const found = await trx
    .selectFrom("customers")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("id", "in", ids)
    .execute();
  const present = new Set(found.map((r) => r.id));
  const missing = ids.filter((id) => !present.has(id));
  throw new Error(`customers not found in tenant ${tenantId}: ${missing.slice(0, 10).join(", ")}`);
}
