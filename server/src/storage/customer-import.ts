import { CompiledQuery, sql } from "kysely";
import { chunks } from "./chunks.ts";
import { updateCustomers } from "./customer-bulk-update.ts";
import {
  type CustomerValues,
  NEW_CUSTOMER_COLUMNS,
  NEW_CUSTOMER_OWN_COLUMNS,
  NEW_CUSTOMER_SHARED_COLUMNS,
  type NewCustomer,
  newCustomerOwnValues,
  newCustomerSharedValues,
  patchColumns,
  type StoredKintoneLink,
  type UnlinkReason,
} from "./customer-rows.ts";
import { textByRows } from "./prepared.ts";
import type { Db } from "./schema.ts";
import { toStoredTime } from "./timestamp.ts";
import { inTransaction } from "./transaction.ts";

/** An FA customer the import (re)links and refreshes: only the mapped fields are given (SPEC I6, I8). */
export type ImportUpdate = Partial<CustomerValues> & {
  id: string;
  kintone: StoredKintoneLink;
  updatedAt: string;
};

export interface ImportBatch {
  creates: Array<Omit<NewCustomer, "tenantId">>;
  updates: ImportUpdate[];
}

export interface LinkedRecord {
  customerId: string;
  recordId: string;
}

/** 500 rows × 11 values per INSERT: well under both databases' bound-parameter limits. */
const INSERT_ROWS = 500;
/** Ids per `in (…)` list and rows per page of the reconciliation's walk. */
const PAGE = 500;

/**
 * One import batch (kintone reads 500 records at a time) in one transaction: all of it or none, so a run
 * killed mid-batch resumes from the last whole batch. A row that fails (an id or a link already taken, an
 * update whose customer is not in this tenant) rolls the batch back and the error propagates.
 */
export function applyImportBatch(
  db: Db,
  tenantId: string,
  batch: ImportBatch,
): Promise<{ created: number; updated: number }> {
  return inTransaction(db, async (trx) => {
    await insertCustomers(trx, tenantId, batch.creates);
    await updateCustomers(
      trx,
      tenantId,
      batch.updates.map((update) => ({ id: update.id, ...patchColumns(update, update.updatedAt) })),
    );
    return { created: batch.creates.length, updated: new Set(batch.updates.map((u) => u.id)).size };
  });
}

/**
 * Every linked record of one app, page by page in record-id order (keyset on the unique link index), so
 * the full reconciliation (SPEC I11) holds one page in memory whatever the directory's size, and may unlink
 * customers while it walks.
 */
export async function* linkedRecordIds(db: Db, tenantId: string, appId: string): AsyncIterable<LinkedRecord> {
  let after: string | null = null;
  for (;;) {
    const rows = await db
      .selectFrom("customers")
      .select(["id", "kintone_record_id"])
      .where("tenant_id", "=", tenantId)
      .where("kintone_app_id", "=", appId)
      .where("kintone_record_id", "is not", null)
      .$if(after !== null, (q) => q.where("kintone_record_id", ">", after as string))
      .orderBy("kintone_record_id")
      .limit(PAGE)
      .$narrowType<{ kintone_record_id: string }>()
      .execute();
    for (const row of rows) yield { customerId: row.id, recordId: row.kintone_record_id };
    const last = rows.at(-1);
    if (rows.length < PAGE || last === undefined) return;
    after = last.kintone_record_id;
  }
}

/** The columns of an unlinked customer: the link cleared, why and when kept. */
function unlinkedColumns(reason: UnlinkReason, at: string) {
  const unlinkedAt = toStoredTime(at);
  return {
    kintone_app_id: null,
    kintone_record_id: null,
    kintone_record_number: null,
    kintone_revision: null,
    unlinked_reason: reason,
    unlinked_at: unlinkedAt,
    updated_at: unlinkedAt,
  };
}

/**
 * Unlinks customers but keeps them (SPEC I11, L2). The link columns are cleared, not kept for history:
 * that frees the unique link so the record (or a re-created one) can be linked again, and "linked" stays
 * one test (record id present). What remains is why and when. Customers already unlinked are left as they
 * are, so a repeated reconciliation does not move their date. Returns how many were unlinked.
 */
export function unlink(
  db: Db,
  tenantId: string,
  ids: readonly string[],
  reason: UnlinkReason,
  at: string,
): Promise<number> {
  return inTransaction(db, async (trx) => {
    let count = 0;
    for (const part of chunks([...new Set(ids)], PAGE)) {
      const result = await trx
        .updateTable("customers")
        .set(unlinkedColumns(reason, at))
        .where("tenant_id", "=", tenantId)
        .where("id", "in", part)
        .where("kintone_record_id", "is not", null)
        .executeTakeFirst();
      count += Number(result.numUpdatedRows);
    }
    return count;
  });
}

/**
 * The import's hot insert: `INSERT … SELECT` from the shared values, bound once, and a VALUES list of each
 * row's own (NEW_CUSTOMER_SHARED_COLUMNS, NEW_CUSTOMER_OWN_COLUMNS): 11 values a row bound instead of 17.
 * With the candidate index's upsert done the same way, the storage micro-benchmark (100,000 records,
 * server/bench/storage-import.bench.ts) went from 1.39–1.43 s to 1.26–1.30 s. Both databases name VALUES
 * columns column1…N. Its text depends only on the row count, so it is compiled once
 * and then only the values change. The shared values are cast to text: PostgreSQL cannot tell a bare
 * parameter's type in a select list.
 */
export const customerInsertText = textByRows((db, rows) => {
  const shared = sql.join(
    NEW_CUSTOMER_SHARED_COLUMNS.map((column) => sql`cast(${null} as text) as ${sql.ref(column)}`),
  );
  const row = sql`(${sql.join(NEW_CUSTOMER_OWN_COLUMNS.map(() => null))})`;
  const columns = sql.join(NEW_CUSTOMER_COLUMNS.map((column) => sql.ref(column)));
  const select = sql.join([
    ...NEW_CUSTOMER_SHARED_COLUMNS.map((column) => sql.ref(`s.${column}`)),
    ...NEW_CUSTOMER_OWN_COLUMNS.map((_, i) => sql.ref(`v.column${i + 1}`)),
    sql`null`,
    sql`null`,
  ]);
  const values = sql.join(Array.from({ length: rows }, () => row));
  const query = sql`insert into customers (${columns}) select ${select} from (select ${shared}) as s, (values ${values}) as v`;
  return { compile: () => query.compile(db) };
});

/**
 * One insert per run of consecutive customers that share the shared values (an import page is one run),
 * at most INSERT_ROWS rows each.
 */
async function insertCustomers(
  trx: Db,
  tenantId: string,
  creates: ReadonlyArray<Omit<NewCustomer, "tenantId">>,
): Promise<void> {
  let next = 0;
  while (next < creates.length) {
    const first = creates[next];
    if (first === undefined) break;
    const parameters: unknown[] = newCustomerSharedValues(tenantId, first);
    const appId = first.kintone?.appId ?? null;
    let rows = 0;
    for (; rows < INSERT_ROWS && next < creates.length; next++, rows++) {
      const customer = creates[next];
      if (customer === undefined) break;
      // Compared as given: equal stored values given differently only cost another statement.
      const shares =
        customer.createdAt === first.createdAt &&
        customer.updatedAt === first.updatedAt &&
        (customer.kintone?.appId ?? null) === appId;
      if (!shares) break;
      newCustomerOwnValues(customer, parameters);
    }
    await trx.executeQuery(CompiledQuery.raw(customerInsertText(trx, rows), parameters));
  }
}

/**
 * Unlinks every customer linked to a record of another app than `appId` (all linked customers when
 * `appId` is null: another kintone altogether). After the customer app is switched, record 303 of the old
 * app is not record 303 of the new one (SPEC E3); the import of the new app links them again by name.
 */
export async function unlinkOutsideApp(
  db: Db,
  tenantId: string,
  appId: string | null,
  reason: UnlinkReason,
  at: string,
): Promise<number> {
  const result = await db
    .updateTable("customers")
    .set(unlinkedColumns(reason, at))
    .where("tenant_id", "=", tenantId)
    .where("kintone_record_id", "is not", null)
    .$if(appId !== null, (q) => q.where("kintone_app_id", "!=", appId as string))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
