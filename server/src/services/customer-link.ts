import type { KintoneGateway } from "../kintone/gateway.ts";
import type { CustomerRow, Storage, StoredKintoneLink } from "../storage/index.ts";
import { readRecordNumber } from "./customer-records.ts";
import { findCustomer } from "./customers.ts";
import { requeueExport } from "./exports/intake.ts";
import { Refused } from "./exports/refused.ts";
import { loadResolvedSettings, type ResolvedSettings } from "./settings.ts";

export interface LinkDeps {
  storage: Storage;
  secretKey: Buffer;
  now(): Date;
  gatewayFor(settings: ResolvedSettings, tenantId: string | null): KintoneGateway;
  /** Wakes the job worker of this process. */
  jobsQueued(): void;
}

/** A customer-app record a person chose (CRM候補検索), as kintone holds it now. */
export interface ChosenRecord {
  link: StoredKintoneLink;
  /** The FA customer already linked to it, if any. */
  holder: CustomerRow | null;
}

/**
 * The chosen record of the current customer app, read from kintone (its record number is what the
 * activity app's lookup keys on); NOT_FOUND when it does not exist.
 */
export async function chosenRecord(
  deps: LinkDeps,
  tenantId: string,
  recordId: string,
): Promise<ChosenRecord> {
  const settings = await loadResolvedSettings(deps, tenantId);
  const app = settings.customerApp;
  const recordNumber = await readRecordNumber(deps.gatewayFor(settings, tenantId), app, recordId);
  if (recordNumber === null) throw new Refused("NOT_FOUND");
  const holder = (await deps.storage.customers.findByLinks(tenantId, app.appId, [recordId])).get(recordId);
  return { link: { appId: app.appId, recordId, recordNumber, revision: null }, holder: holder ?? null };
}

/**
 * In the caller's transaction: the FA customer linked to the record, and every export waiting for that
 * customer (needs_review) queued, so it is written there. Null when the customer is gone.
 */
export async function storeLink(
  tx: Storage,
  tenantId: string,
  customerId: string,
  link: StoredKintoneLink,
  now: Date,
): Promise<CustomerRow | null> {
  const linked = await tx.customers.patch(tenantId, customerId, { kintone: link }, now.toISOString());
  for (const waiting of await tx.exports.waitingFor(tenantId, customerId))
    await requeueExport(tx, tenantId, waiting.id, now);
  return linked;
}

/**
 * SPEC L2 (PUT /v1/customers/{id}/kintone-link): links an FA customer to a chosen customer-app record; the
 * exports waiting for it are written. A record another FA customer holds is refused (one customer per
 * record).
 */
export async function linkCustomer(
  deps: LinkDeps,
  tenantId: string,
  customerId: string,
  recordId: string,
): Promise<CustomerRow> {
  const customer = await findCustomer(deps.storage, tenantId, customerId);
  const chosen = await chosenRecord(deps, tenantId, recordId);
  if (chosen.holder && chosen.holder.id !== customer.id)
    throw new Refused("CUSTOMER_ALREADY_LINKED", { customerId: chosen.holder.id });
  const now = deps.now();
  const linked = await deps.storage.transaction((tx) =>
    storeLink(tx, tenantId, customer.id, chosen.link, now),
  );
  deps.jobsQueued();
  if (!linked) throw new Refused("CUSTOMER_NOT_FOUND");
  return linked;
}

/**
 * DELETE /v1/customers/{id}/kintone-link: the customer is no longer linked (unlink reason "manual"); one not
 * linked is answered as it is.
 */
export async function unlinkCustomer(
  deps: LinkDeps,
  tenantId: string,
  customerId: string,
): Promise<CustomerRow> {
  const customer = await findCustomer(deps.storage, tenantId, customerId);
  if (customer.kintone)
    await deps.storage.customers.unlink(tenantId, [customer.id], "manual", deps.now().toISOString());
  return (await deps.storage.customers.get(tenantId, customer.id)) ?? customer;
}
