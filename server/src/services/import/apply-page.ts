import {
  type ImportedCustomer,
  identityKey,
  isNewer,
  type RecordIdentity,
  recordIdentity,
  recordToCustomer,
  type Settings,
} from "@front-agent/shared";
import { uuidv7 } from "../../ids.ts";
import type { KintoneRecordJson } from "../../kintone/gateway.ts";
import type { CustomerRepository, ImportBatch, ImportUpdate, RunIssueRow } from "../../storage/index.ts";

export type { RunIssueRow as RunIssue } from "../../storage/index.ts";

export interface PageOutcome {
  read: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  issues: RunIssueRow[];
  /** Record ids seen, for the full reconciliation (SPEC I11). */
  recordIds: string[];
}

/** One page of kintone customer records, where it goes and how it is applied. */
export interface PageToApply {
  /** The FA directory: a transaction's, or the preview's read-only one. */
  customers: CustomerRepository;
  tenantId: string;
  appId: string;
  records: KintoneRecordJson[];
  mapping: Settings["customerApp"]["fields"];
  /** When the page is applied: customers created or updated carry it. */
  now: string;
  /** Incremental syncs skip records whose revision did not move; full and first imports re-apply all. */
  onlyNewer?: boolean;
  /**
   * The directory had no customer when the run started (and the run was not resumed): no record can be
   * linked yet, since every customer this run creates is linked to its own record, so the look-up of
   * linked records is skipped. The same-identity look-up (I7) still runs: a customer registered through
   * the API while the run reads is unlinked, and its record must link to it, not make a second one.
   */
  emptyDirectory?: boolean;
}

/**
 * A page's records as the directory needs them, read from kintone's JSON before any database work (SPEC
 * I1–I6): each record's identity, and its customer fields or why it is skipped. Plain data, so the
 * transaction that applies it does only database work (issue 16: the import holds SQLite's write lock
 * while it applies pages, and the events the HTTP thread accepts wait for it).
 */
export interface PreparedPage {
  read: number;
  /** Record ids seen, skipped ones included, for the full reconciliation (SPEC I11). */
  recordIds: string[];
  /** The records skipped, and why (SPEC I12). */
  skipped: RunIssueRow[];
  customers: Array<{ identity: RecordIdentity; fields: CustomerFieldValues }>;
}

export function preparePage(
  records: KintoneRecordJson[],
  mapping: Settings["customerApp"]["fields"],
): PreparedPage {
  const page: PreparedPage = { read: records.length, recordIds: [], skipped: [], customers: [] };
  for (const record of records) {
    const identity = recordIdentity(record, mapping);
    page.recordIds.push(identity.recordId);
    const result = recordToCustomer(record, mapping);
    if (result.kind === "skip")
      page.skipped.push({
        recordId: identity.recordId,
        kind: "skipped",
        reason: result.reason,
        detail: null,
      });
    else page.customers.push({ identity, fields: customerFields(result.customer) });
  }
  return page;
}

/** applyPreparedPage for records not yet prepared (the preview, tests). */
export function applyPage({ records, mapping, ...rest }: PageToApply): Promise<PageOutcome> {
  return applyPreparedPage({ ...rest, page: preparePage(records, mapping) });
}

export type PreparedPageToApply = Omit<PageToApply, "records" | "mapping"> & { page: PreparedPage };

/**
 * Applies one prepared page to the FA directory (SPEC I7, I8), as one storage batch: a record already
 * linked updates its customer (only when kintone's revision moved, so re-reading the overlap minute of
 * an incremental sync is harmless); an unlinked customer with the same normalized name and company is
 * linked instead of duplicated (I7); anything else is created.
 */
export async function applyPreparedPage({
  customers,
  tenantId,
  appId,
  page,
  now,
  onlyNewer = false,
  emptyDirectory = false,
}: PreparedPageToApply): Promise<PageOutcome> {
  const outcome: PageOutcome = {
    read: page.read,
    created: 0,
    updated: 0,
    skipped: page.skipped.length,
    failed: 0,
    issues: page.skipped,
    recordIds: page.recordIds,
  };
  const candidates = page.customers;

  const linked = emptyDirectory
    ? new Map()
    : await customers.findByLinks(
        tenantId,
        appId,
        candidates.map((c) => c.identity.recordId),
      );
  const unlinkedKeys = candidates
    .filter((c) => !linked.has(c.identity.recordId))
    .map((c) => c.fields.identityKey);
  // Asked first because most pages find no unlinked customer at all (every page of a first import into
  // an empty directory): one index seek instead of a look-up of ~500 keys, 0.58 ms a page (issue 16).
  // In the page's transaction, so a customer registered through the API meanwhile is seen (I7).
  const sameIdentity =
    unlinkedKeys.length > 0 && (await customers.hasUnlinked(tenantId))
      ? await customers.findUnlinkedByIdentityKeys(tenantId, unlinkedKeys)
      : new Map();

  const batch: ImportBatch = { creates: [], updates: [] };
  const claimed = new Set<string>();
  for (const { identity, fields } of candidates) {
    const link = {
      appId,
      recordId: identity.recordId,
      recordNumber: identity.recordNumber,
      revision: identity.revision,
    };
    const existing = linked.get(identity.recordId);
    if (existing) {
      const applied = existing.kintone?.revision;
      if (onlyNewer && !isNewer(applied == null ? null : { revision: applied }, identity)) continue;
      batch.updates.push(customerUpdate(existing.id, fields, link, now));
      continue;
    }
    const match = sameIdentity.get(fields.identityKey);
    // One FA customer links to one record: a second record with the same identity in this page is created.
    if (match && !claimed.has(match.id)) {
      claimed.add(match.id);
      batch.updates.push(customerUpdate(match.id, fields, link, now));
    } else {
      batch.creates.push({
        id: uuidv7(),
        name: fields.name,
        company: fields.company,
        department: fields.department,
        email: fields.email,
        phone: fields.phone,
        address: fields.address,
        identityKey: fields.identityKey,
        kintone: link,
        createdAt: now,
      });
    }
  }
  if (batch.creates.length + batch.updates.length > 0) {
    const applied = await customers.applyImportBatch(tenantId, batch);
    outcome.created += applied.created;
    outcome.updated += applied.updated;
  }
  return outcome;
}

/*
 * The objects below are written out field by field, not spread: an object spread costs microseconds, once
 * per record of a 100,000-record import (issue 16).
 */
function customerFields(c: ImportedCustomer): CustomerFieldValues {
  return {
    name: c.name,
    company: c.company,
    department: c.department,
    email: c.email,
    phone: c.phone,
    address: c.address,
    identityKey: identityKey(c.name, c.company),
  };
}

type CustomerFieldValues = ImportedCustomer & { identityKey: string };

function customerUpdate(
  id: string,
  fields: CustomerFieldValues,
  kintone: ImportUpdate["kintone"],
  updatedAt: string,
): ImportUpdate {
  return {
    id,
    name: fields.name,
    company: fields.company,
    department: fields.department,
    email: fields.email,
    phone: fields.phone,
    address: fields.address,
    identityKey: fields.identityKey,
    kintone,
    updatedAt,
  };
}
