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
import { registerCustomer } from "./register-customer.ts";

type Reason = NonNullable<ExportRow["reason"]>;

/** The export's customer, as the writer acts on it: one answer. */
export type ExportCustomer =
  /** The customer record the activity record goes to (found, or registered just now). */
  | { kind: "linked"; customer: CustomerRow; recordNumber: string }
  /** Several records could be the customer, or its name is another company's: a person must choose. */
  | { kind: "review"; customer: CustomerRow; reason: Reason }
  /** No record is the customer, and the settings do not register one: nothing is written. */
  | { kind: "unmatched"; customer: CustomerRow | null }
  /** The candidate index of the whole app is still being built: deciding now could add a duplicate. */
  | { kind: "index_building" };

type Match =
  | Exclude<ExportCustomer, { kind: "unmatched" }>
  | { kind: "none"; customer: CustomerRow | null; wanted: Wanted };

/** What finding the export's customer needs: the candidate search and a lock across processes. */
export interface ResolveDeps extends CandidateDeps {
  /** A lock held across every process on the database (services/cluster/lease-lock.ts). */
  locks: { run<T>(name: string, task: () => Promise<T>): Promise<T> };
}

/**
 * An export that matches (its customer is not linked yet) always brings the candidate index up to date
 * first: a record a person added a moment ago under another spelling (「新規 顧客」 for 「新規顧客」) is found
 * by no exact kintone query, and missing it would add a duplicate. One request of what changed; exports for
 * linked customers, the common case, never get here.
 */
const EXPORT_INDEX_AGE_MS = 0;

/**
 * The customer record the export's minutes go to (SPEC E2/E3): the event's FA customer (or the one an
 * earlier attempt settled on) when it is linked in the current app, else the matching ladder's answer,
 * else a record registered for it when the settings say so. A customer already linked needs no lock.
 * Matching and registering run one export of the tenant at a time across every process: two exports
 * naming the same new customer, taken by two workers, must not both register it.
 */
export async function resolveCustomer(
  deps: ResolveDeps,
  tenantId: string,
  event: AssistEvent,
  /** The FA customer an earlier attempt settled on (needs_review waits on it): it wins over the event's. */
  knownCustomerId: string | null,
): Promise<ExportCustomer> {
  const linked = await linkedCustomer(deps, tenantId, event, knownCustomerId);
  if (linked) return linked;
  return deps.locks.run(`customer-match:${tenantId}`, async () => {
    for (let look = 1; ; look++) {
      const match = await matchCustomer(deps, tenantId, event, knownCustomerId);
      if (match.kind !== "none") return match;
      if (!deps.settings.options.autoRegister) return { kind: "unmatched", customer: match.customer };
      const registered = await registerCustomer(deps, tenantId, match.wanted);
      if (registered.kind === "registered") {
        const customer = await linkToRecord(deps, tenantId, match.customer, match.wanted, registered.record);
        return { kind: "linked", customer, recordNumber: registered.record.recordNumber };
      }
      // Someone added the name since the ladder looked: look once more; never overwrite, never guess.
      if (look > 1) throw registered.failure;
    }
  });
}

/** The event's FA customer (or the one an earlier attempt settled on) when linked in the current app. */
async function linkedCustomer(
  deps: Pick<CandidateDeps, "storage" | "settings">,
  tenantId: string,
  event: AssistEvent,
  knownCustomerId: string | null,
): Promise<Extract<ExportCustomer, { kind: "linked" }> | null> {
  const customerId = knownCustomerId ?? event.customer.id;
  const customer = customerId ? await deps.storage.customers.get(tenantId, customerId) : null;
  if (customer?.kintone && customer.kintone.appId === deps.settings.customerApp.appId)
    return { kind: "linked", customer, recordNumber: customer.kintone.recordNumber };
  return null;
}

/**
 * The matching ladder over the one candidate source (docs/matching.md), run under the lock: the customer
 * may have been linked while this export waited for it. A link to another app's record (the customer app
 * was switched) is never used: record 303 there is not record 303 here.
 */
async function matchCustomer(
  deps: CandidateDeps,
  tenantId: string,
  event: AssistEvent,
  knownCustomerId: string | null,
): Promise<Match> {
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

type CustomerRecord = { recordId: string; recordNumber: string; name: string; company: string };

/**
 * Links the FA customer to the customer record the ladder found: the FA customer already linked to that
 * record if there is one, else as linkToRecord does.
 */
async function linkFaCustomer(
  deps: Pick<CandidateDeps, "storage" | "settings" | "now">,
  tenantId: string,
  customer: CustomerRow | null,
  wanted: Wanted,
  hit: CustomerRecord,
): Promise<CustomerRow> {
  const appId = deps.settings.customerApp.appId;
  const taken = (await deps.storage.customers.findByLinks(tenantId, appId, [hit.recordId])).get(hit.recordId);
  return taken ?? linkToRecord(deps, tenantId, customer, wanted, hit);
}

/**
 * Links a record no FA customer holds (one found, or one registered just now) to the event's FA customer,
 * else to one found unlinked under the record's identity or made for it.
 */
async function linkToRecord(
  deps: Pick<CandidateDeps, "storage" | "settings" | "now">,
  tenantId: string,
  customer: CustomerRow | null,
  wanted: Wanted,
  record: CustomerRecord,
): Promise<CustomerRow> {
  const link = {
    appId: deps.settings.customerApp.appId,
    recordId: record.recordId,
    recordNumber: record.recordNumber,
    revision: null,
  };
  if (customer) {
    const linked = await deps.storage.customers.patch(
      tenantId,
      customer.id,
      { kintone: link },
      deps.now().toISOString(),
    );
    if (linked) return linked;
  }
  const identity = { ...wanted, name: record.name, company: record.company };
  return findOrCreateFaCustomer(deps, tenantId, identity, link);
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
