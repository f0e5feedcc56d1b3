import { randomUUID } from "node:crypto";
import {
  type CustomerDetails,
  customerDetails,
  type KintoneLink,
  type UnlinkReason,
} from "@front-agent/shared";
import type { Selectable } from "kysely";
import type { CustomersTable } from "./schema.ts";
import { toStoredTime } from "./timestamp.ts";

/** An FA customer's link to one kintone customer record, as the API shows it and with what the import keeps. */
export interface StoredKintoneLink extends KintoneLink {
  /** The record's revision when last imported, so an unchanged record can be recognised. */
  revision: string | null;
}

export type { UnlinkReason };

export interface Unlinked {
  reason: UnlinkReason;
  at: string;
}

/**
 * An FA customer's directory values (shared's CustomerFields are the customer app's field codes, not these);
 * `identityKey` is the normalized (name, company) of SPEC I7.
 */
export interface CustomerValues extends CustomerDetails {
  identityKey: string;
}

export interface CustomerRow extends CustomerValues {
  id: string;
  tenantId: string;
  kintone: StoredKintoneLink | null;
  /** Set when a link was removed (and cleared again when the customer is linked anew). */
  unlinked: Unlinked | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewCustomer extends CustomerValues {
  /** Generated when absent. */
  id?: string;
  tenantId: string;
  kintone: StoredKintoneLink | null;
  createdAt: string;
  /** Defaults to `createdAt`. */
  updatedAt?: string;
}

/**
 * Values to change in a stored customer (shared's CustomerPatch is the PATCH body); `kintone` links the
 * customer (unlinking goes through `unlink`, which records why).
 */
export type CustomerChange = Partial<CustomerValues> & { kintone?: StoredKintoneLink };

type CustomerColumns = Selectable<CustomersTable>;

export function toCustomer(row: CustomerColumns): CustomerRow {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    ...customerDetails(row),
    identityKey: row.identity_key,
    kintone:
      row.kintone_app_id !== null && row.kintone_record_id !== null
        ? {
            appId: row.kintone_app_id,
            recordId: row.kintone_record_id,
            recordNumber: row.kintone_record_number ?? "",
            revision: row.kintone_revision,
          }
        : null,
    unlinked:
      row.unlinked_reason !== null && row.unlinked_at !== null
        ? { reason: row.unlinked_reason, at: row.unlinked_at }
        : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A new customer's row, column by column: the values below named by their columns (one mapping). */
export function newCustomerColumns(
  tenantId: string,
  customer: Omit<NewCustomer, "tenantId">,
): CustomerColumns {
  const shared = newCustomerSharedValues(tenantId, customer);
  const own: unknown[] = [];
  newCustomerOwnValues(customer, own);
  return {
    ...Object.fromEntries(NEW_CUSTOMER_SHARED_COLUMNS.map((column, i) => [column, shared[i]])),
    ...Object.fromEntries(NEW_CUSTOMER_OWN_COLUMNS.map((column, i) => [column, own[i]])),
    unlinked_reason: null,
    unlinked_at: null,
  } as CustomerColumns;
}

/**
 * The columns new customers inserted together usually share (a page of an import: one tenant, one app,
 * one time), in the order `newCustomerSharedValues` gives them. An insert binds them once, not once a row
 * (issue 16: ~4,000 fewer bound values a page). `unlinked_reason` and `unlinked_at` are null for every new
 * customer and bound not at all.
 */
export const NEW_CUSTOMER_SHARED_COLUMNS = [
  "tenant_id",
  "kintone_app_id",
  "created_at",
  "updated_at",
] as const satisfies ReadonlyArray<keyof CustomerColumns>;

/** The columns of each new customer's own, in the order `newCustomerOwnValues` pushes them. */
export const NEW_CUSTOMER_OWN_COLUMNS = [
  "id",
  "name",
  "company",
  "department",
  "email",
  "phone",
  "address",
  "identity_key",
  "kintone_record_id",
  "kintone_record_number",
  "kintone_revision",
] as const satisfies ReadonlyArray<keyof CustomerColumns>;

/** Every column a new customer sets. */
export const NEW_CUSTOMER_COLUMNS = [
  ...NEW_CUSTOMER_SHARED_COLUMNS,
  ...NEW_CUSTOMER_OWN_COLUMNS,
  "unlinked_reason",
  "unlinked_at",
] as const satisfies ReadonlyArray<keyof CustomerColumns>;

/** A new customer's values of NEW_CUSTOMER_SHARED_COLUMNS, as stored. */
export function newCustomerSharedValues(
  tenantId: string,
  customer: Omit<NewCustomer, "tenantId">,
): [string, string | null, string, string] {
  const createdAt = toStoredTime(customer.createdAt);
  return [
    tenantId,
    customer.kintone?.appId ?? null,
    createdAt,
    customer.updatedAt === undefined ? createdAt : toStoredTime(customer.updatedAt),
  ];
}

/**
 * A new customer's values of NEW_CUSTOMER_OWN_COLUMNS pushed onto `into`, without a row object: an import
 * inserts 500 customers a page, and building objects only to read their values back out was garbage
 * made for nothing (issue 16).
 */
export function newCustomerOwnValues(customer: Omit<NewCustomer, "tenantId">, into: unknown[]): void {
  const link = customer.kintone;
  into.push(
    customer.id ?? randomUUID(),
    customer.name,
    customer.company,
    customer.department,
    customer.email,
    customer.phone,
    customer.address,
    customer.identityKey,
    link?.recordId ?? null,
    link?.recordNumber ?? null,
    link?.revision ?? null,
  );
}

/**
 * The columns a patch or an import update sets, always in the same key order: the SQL text then depends
 * only on which fields are present, so the few shapes an import uses stay prepared.
 */
export function patchColumns(patch: CustomerChange, updatedAt: string): Partial<CustomerColumns> {
  const set: Partial<CustomerColumns> = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.company !== undefined) set.company = patch.company;
  if (patch.department !== undefined) set.department = patch.department;
  if (patch.email !== undefined) set.email = patch.email;
  if (patch.phone !== undefined) set.phone = patch.phone;
  if (patch.address !== undefined) set.address = patch.address;
  if (patch.identityKey !== undefined) set.identity_key = patch.identityKey;
  if (patch.kintone !== undefined) Object.assign(set, linkColumns(patch.kintone));
  set.updated_at = toStoredTime(updatedAt);
  return set;
}

/** Linking also clears a previous unlink mark: the customer is linked again. */
function linkColumns(link: StoredKintoneLink | null) {
  return {
    kintone_app_id: link?.appId ?? null,
    kintone_record_id: link?.recordId ?? null,
    kintone_record_number: link?.recordNumber ?? null,
    kintone_revision: link?.revision ?? null,
    unlinked_reason: null,
    unlinked_at: null,
  };
}
