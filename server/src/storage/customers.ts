import type { CustomerListQuery } from "@front-agent/shared";
import { type Selectable, type SqlBool, sql } from "kysely";
import { chunks } from "./chunks.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";
import {
  applyImportBatch,
  type ImportBatch,
  type LinkedRecord,
  linkedRecordIds,
  unlink,
  unlinkOutsideApp,
} from "./customer-import.ts";
import {
  type CustomerChange,
  type CustomerRow,
  type NewCustomer,
  newCustomerColumns,
  patchColumns,
  toCustomer,
  type UnlinkReason,
} from "./customer-rows.ts";
import { containsPattern } from "./like.ts";
import { prepared } from "./prepared.ts";
import type { CustomersTable, Db } from "./schema.ts";

/** GET /v1/customers' query (shared's): `q` matches part of the name, company or e-mail, case-insensitively. */
export type { CustomerListQuery };

export interface CustomerPage {
  customers: CustomerRow[];
  nextCursor: string | null;
}

export interface CustomerRepository {
  get(tenantId: string, id: string): Promise<CustomerRow | null>;
  create(customer: NewCustomer): Promise<CustomerRow>;
  /** Returns the changed customer, or null when the tenant has no such customer. */
  patch(tenantId: string, id: string, patch: CustomerChange, updatedAt: string): Promise<CustomerRow | null>;
  /** Ordered by id (stable under concurrent edits; no duplicates or gaps across pages). */
  list(tenantId: string, query: CustomerListQuery): Promise<CustomerPage>;
  /** Linked customers by kintone record id. */
  findByLinks(
    tenantId: string,
    appId: string,
    recordIds: readonly string[],
  ): Promise<Map<string, CustomerRow>>;
  /** Unlinked customers by identity key; when several share a key, the oldest. */
  findUnlinkedByIdentityKeys(tenantId: string, keys: readonly string[]): Promise<Map<string, CustomerRow>>;
  /** Whether the tenant has any unlinked customer (one index seek). */
  hasUnlinked(tenantId: string): Promise<boolean>;
  applyImportBatch(tenantId: string, batch: ImportBatch): Promise<{ created: number; updated: number }>;
  linkedRecordIds(tenantId: string, appId: string): AsyncIterable<LinkedRecord>;
  unlink(tenantId: string, ids: readonly string[], reason: UnlinkReason, at: string): Promise<number>;
  /** Unlinks the customers linked to another app than `appId` (every linked customer when null). */
  unlinkOutsideApp(tenantId: string, appId: string | null, reason: UnlinkReason, at: string): Promise<number>;
  counts(tenantId: string): Promise<{ total: number; linked: number }>;
}

/** Ids per `in (…)` list. */
const LOOKUP_BATCH = 500;

// One seek of the partial index customers_identity (CustomerRepository.hasUnlinked).
const anyUnlinked = prepared<{ tenantId: string }, { one: number }>((db, p) =>
  db
    .selectFrom("customers")
    .select(sql<number>`1`.as("one"))
    .where("tenant_id", "=", p.tenantId)
    .where("kintone_record_id", "is", null)
    .limit(1),
);

// Read for every export (its customer's link): built once.
const selectCustomer = prepared<{ tenantId: string; id: string }, Selectable<CustomersTable>>((db, p) =>
  db.selectFrom("customers").selectAll().where("tenant_id", "=", p.tenantId).where("id", "=", p.id),
);

export function createCustomerRepository(db: Db): CustomerRepository {
  const get = async (tenantId: string, id: string) => {
    const [row] = (await selectCustomer(db, { tenantId, id })).rows;
    return row === undefined ? null : toCustomer(row);
  };

  return {
    get,

    async create(customer) {
      const row = newCustomerColumns(customer.tenantId, customer);
      await db.insertInto("customers").values(row).execute();
      return toCustomer(row);
    },

    async patch(tenantId, id, patch, updatedAt) {
      const result = await db
        .updateTable("customers")
        .set(patchColumns(patch, updatedAt))
        .where("tenant_id", "=", tenantId)
        .where("id", "=", id)
        .executeTakeFirst();
      return result.numUpdatedRows === 0n ? null : get(tenantId, id);
    },

    async list(tenantId, { q, limit, cursor }) {
      if (!Number.isInteger(limit) || limit < 1)
        throw new RangeError(`limit must be a positive integer: ${limit}`);
      const after = cursor === undefined ? null : decodeCursor(cursor);
      const pattern = q === undefined || q === "" ? null : containsPattern(q);
      const rows = await db
        .selectFrom("customers")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .$if(after !== null, (qb) => qb.where("id", ">", after as string))
        .$if(pattern !== null, (qb) =>
          qb.where((eb) =>
            eb.or(
              (["name", "company", "email"] as const).map(
                (column) => sql<SqlBool>`lower(${sql.ref(column)}) like lower(${pattern}) escape '\\'`,
              ),
            ),
          ),
        )
        .orderBy("id")
        .limit(limit + 1)
        .execute();
      const page = rows.slice(0, limit).map(toCustomer);
      const last = page.at(-1);
      return { customers: page, nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
    },

    async findByLinks(tenantId, appId, recordIds) {
      const found = new Map<string, CustomerRow>();
      for (const part of chunks([...new Set(recordIds)], LOOKUP_BATCH)) {
        const rows = await db
          .selectFrom("customers")
          .selectAll()
          .where("tenant_id", "=", tenantId)
          .where("kintone_app_id", "=", appId)
          .where("kintone_record_id", "in", part)
          .execute();
        for (const row of rows)
          if (row.kintone_record_id !== null) found.set(row.kintone_record_id, toCustomer(row));
      }
      return found;
    },

    async hasUnlinked(tenantId) {
      return (await anyUnlinked(db, { tenantId })).rows.length > 0;
    },

    async findUnlinkedByIdentityKeys(tenantId, keys) {
      const found = new Map<string, CustomerRow>();
      for (const part of chunks([...new Set(keys)], LOOKUP_BATCH)) {
        const rows = await db
          .selectFrom("customers")
          .selectAll()
          .where("tenant_id", "=", tenantId)
          .where("identity_key", "in", part)
          .where("kintone_record_id", "is", null)
          .orderBy("created_at")
          .orderBy("id")
          .execute();
        for (const row of rows)
          if (!found.has(row.identity_key)) found.set(row.identity_key, toCustomer(row));
      }
      return found;
    },

    applyImportBatch: (tenantId, batch) => applyImportBatch(db, tenantId, batch),
    linkedRecordIds: (tenantId, appId) => linkedRecordIds(db, tenantId, appId),
    unlink: (tenantId, ids, reason, at) => unlink(db, tenantId, ids, reason, at),
    unlinkOutsideApp: (tenantId, appId, reason, at) => unlinkOutsideApp(db, tenantId, appId, reason, at),

    async counts(tenantId) {
      // Two counts rather than count(kintone_record_id): each is answered from an index alone.
      const total = await db
        .selectFrom("customers")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("tenant_id", "=", tenantId)
        .executeTakeFirstOrThrow();
      const linked = await db
        .selectFrom("customers")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("tenant_id", "=", tenantId)
        .where("kintone_record_id", "is not", null)
        .executeTakeFirstOrThrow();
      // PostgreSQL returns count(*) as a bigint string.
      return { total: Number(total.n), linked: Number(linked.n) };
    },
  };
}
