import {
  type AssistEvent,
  decideMatch,
  identityKey,
  type LadderCandidate,
  type MatchDecision,
  nameAndCompany,
} from "@front-agent/shared";
import { uuidv7 } from "../../ids.ts";
import type { CustomerRow, ExportRow } from "../../storage/index.ts";
import {
  type CandidateDeps,
  confirmCandidates,
  gatherCandidates,
  type Wanted,
} from "../customer-candidates.ts";

type Reason = NonNullable<ExportRow["reason"]>;

export type Resolution =
  | { kind: "linked"; customer: CustomerRow; recordNumber: string }
  /** Several records could be the customer, or its name is another company's: a person must choose. */
  | { kind: "review"; customer: CustomerRow; reason: Reason }
  | { kind: "none"; customer: CustomerRow | null; wanted: Wanted }
  /** The candidate index of the whole app is still being built: deciding now could add a duplicate. */
  | { kind: "index_building" };

/**
 * An export that matches (its customer is not linked yet) always brings the candidate index up to date
 * first: a record a person added a moment ago under another spelling (「新規 顧客」 for 「新規顧客」) is found
 * by no exact kintone query, and missing it would add a duplicate. One request of what changed; exports for
 * linked customers, the common case, never get here.
 */
const EXPORT_INDEX_AGE_MS = 0;

/** The event's FA customer (or the one an earlier attempt settled on) when linked in the current app. */
export async function linkedCustomer(
  deps: Pick<CandidateDeps, "storage" | "settings">,
  tenantId: string,
  event: AssistEvent,
  knownCustomerId: string | null,
): Promise<Extract<Resolution, { kind: "linked" }> | null> {
  const customerId = knownCustomerId ?? event.customer.id;
  const customer = customerId ? await deps.storage.customers.get(tenantId, customerId) : null;
  if (customer?.kintone && customer.kintone.appId === deps.settings.customerApp.appId)
    return { kind: "linked", customer, recordNumber: customer.kintone.recordNumber };
  return null;
}

/**
 * SPEC E2/E3: the event's FA customer when it is linked to a record of the current customer app; otherwise
 * the matching ladder over the one candidate source (docs/matching.md). A link to another app's record
 * (the customer app was switched) is never used: record 303 there is not record 303 here.
 */
export async function resolveCustomer(
  deps: CandidateDeps,
  tenantId: string,
  event: AssistEvent,
  /** The FA customer an earlier attempt settled on (needs_review waits on it): it wins over the event's. */
  knownCustomerId: string | null = null,
): Promise<Resolution> {
  const known = await linkedCustomer(deps, tenantId, event, knownCustomerId);
  if (known) return known;
  const { storage } = deps;
  const customerId = knownCustomerId ?? event.customer.id;
  let customer = customerId ? await storage.customers.get(tenantId, customerId) : null;

  const wanted: Wanted = {
    name: customer?.name || nameAndCompany(event.customer).name,
    company: customer?.company || nameAndCompany(event.customer).company,
    email: customer?.email ?? "",
    phone: customer?.phone ?? "",
  };
  const gathered = await gatherCandidates(deps, tenantId, wanted, {
    partial: false,
    maxIndexAgeMs: EXPORT_INDEX_AGE_MS,
  });
  if (gathered.index === "missing") return { kind: "index_building" };
  let candidates = gathered.candidates;
  let decision = decideMatch(wanted, candidates);
  const unconfirmed = recordIdsOf(decision).filter((id) => !gathered.fromKintone.has(id));
  if (unconfirmed.length > 0) {
    const confirmed = await confirmCandidates(deps, tenantId, unconfirmed);
    const stale = new Set(unconfirmed);
    candidates = [...candidates.filter((c) => !stale.has(c.recordId)), ...confirmed];
    decision = decideMatch(wanted, candidates);
  }

  if (decision.kind === "none") return { kind: "none", customer, wanted };
  if (decision.kind !== "match") {
    customer ??= await findOrCreateFaCustomer(deps, tenantId, wanted, null);
    return { kind: "review", customer, reason: reviewReason(decision, wanted, candidates) };
  }
  const hit = candidates.find((c) => c.recordId === decision.recordId);
  if (!hit) return { kind: "none", customer, wanted };
  const linked = await linkFaCustomer(deps, tenantId, customer, wanted, hit);
  return { kind: "linked", customer: linked, recordNumber: hit.recordNumber };
}

function recordIdsOf(decision: MatchDecision): string[] {
  if (decision.kind === "match") return [decision.recordId];
  if (decision.kind === "none") return [];
  return decision.recordIds;
}

function reviewReason(decision: MatchDecision, wanted: Wanted, candidates: LadderCandidate[]): Reason {
  const ids = recordIdsOf(decision);
  const held = candidates.filter((c) => ids.includes(c.recordId));
  const records = held.map((c) => c.recordNumber).join(", ");
  if (decision.kind === "name_taken") {
    const [first] = held;
    return {
      code: "EXPORT_NEEDS_REVIEW_NAME_TAKEN",
      params: {
        name: wanted.name,
        company: wanted.company,
        records,
        heldCompany: first?.company ?? "",
      },
    };
  }
  return { code: "EXPORT_NEEDS_REVIEW", params: { records } };
}

/**
 * Links the FA customer to the customer record the ladder found: the FA customer already linked to that
 * record if there is one, else the event's, else one made (or found unlinked under the same identity).
 */
export async function linkFaCustomer(
  deps: Pick<CandidateDeps, "storage" | "settings" | "now">,
  tenantId: string,
  customer: CustomerRow | null,
  wanted: Wanted,
  hit: { recordId: string; recordNumber: string; name: string; company: string },
): Promise<CustomerRow> {
  const { storage } = deps;
  const appId = deps.settings.customerApp.appId;
  const link = { appId, recordId: hit.recordId, recordNumber: hit.recordNumber, revision: null };
  const taken = (await storage.customers.findByLinks(tenantId, appId, [hit.recordId])).get(hit.recordId);
  if (taken) return taken;
  const now = deps.now().toISOString();
  if (customer) {
    const linked = await storage.customers.patch(tenantId, customer.id, { kintone: link }, now);
    if (linked) return linked;
  }
  return findOrCreateFaCustomer(deps, tenantId, { ...wanted, name: hit.name, company: hit.company }, link);
}

/**
 * An FA customer for an event that named none: the unlinked one with the same identity (SPEC I7) if an
 * earlier event made it, so two events for one new customer do not make two.
 */
export async function findOrCreateFaCustomer(
  deps: Pick<CandidateDeps, "storage" | "now">,
  tenantId: string,
  wanted: Wanted,
  kintone: CustomerRow["kintone"],
): Promise<CustomerRow> {
  const { storage } = deps;
  const key = identityKey(wanted.name, wanted.company);
  const existing = (await storage.customers.findUnlinkedByIdentityKeys(tenantId, [key])).get(key);
  const now = deps.now();
  if (existing) {
    if (!kintone) return existing;
    const linked = await storage.customers.patch(tenantId, existing.id, { kintone }, now.toISOString());
    if (linked) return linked;
  }
  return storage.customers.create({
    id: uuidv7(now.getTime()),
    tenantId,
    name: wanted.name,
    company: wanted.company,
    department: "",
    email: wanted.email ?? "",
    phone: wanted.phone ?? "",
    address: "",
    identityKey: key,
    kintone,
    createdAt: now.toISOString(),
  });
}
