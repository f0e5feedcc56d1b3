import { type AssistEvent, decideMatch, identityKey, quote, type Settings } from "@front-agent/shared";
import { uuidv7 } from "../../ids.ts";
import type { KintoneGateway } from "../../kintone/gateway.ts";
import type { CustomerRow, Storage } from "../../storage/index.ts";
import { customerCandidate } from "../customer-records.ts";

export type Resolution =
  | { kind: "linked"; customer: CustomerRow; recordNumber: string }
  | { kind: "ambiguous"; customer: CustomerRow }
  | { kind: "none"; customer: CustomerRow | null };

/**
 * SPEC E2/E3: the event's FA customer when it is linked; otherwise the customer app is searched by the
 * matching ladder (name+company with company forms ignored, then e-mail, then phone). kintone's `like` is
 * a word search, so candidates are fetched by exact `in` on name variants and on e-mail/phone, and the
 * ladder decides locally. One clear hit links the FA customer (made if the event named none).
 */
export async function resolveCustomer(
  storage: Storage,
  gateway: KintoneGateway,
  tenantId: string,
  settings: Settings,
  event: AssistEvent,
  now: Date,
  /** The FA customer an earlier attempt settled on (needs_review waits on it): it wins over the event's. */
  knownCustomerId: string | null = null,
): Promise<Resolution> {
  const app = settings.customerApp;
  const customerId = knownCustomerId ?? event.customer.id;
  let customer = customerId ? await storage.customers.get(tenantId, customerId) : null;
  if (customer?.kintone) return { kind: "linked", customer, recordNumber: customer.kintone.recordNumber };

  const wanted = {
    name: customer?.name || event.customer.name || event.customer.company,
    company: customer?.company || event.customer.company || event.customer.name,
    email: customer?.email ?? "",
    phone: customer?.phone ?? "",
  };
  const candidates = await fetchCandidates(gateway, settings, wanted);
  const decision = decideMatch(wanted, candidates);
  if (decision.kind === "ambiguous") {
    customer ??= await createFaCustomer(storage, tenantId, wanted, null, now);
    return { kind: "ambiguous", customer };
  }
  if (decision.kind === "none") return { kind: "none", customer };
  const hit = candidates.find((c) => c.recordId === decision.recordId);
  if (!hit) return { kind: "none", customer };
  const link = { appId: app.appId, recordId: hit.recordId, recordNumber: hit.recordNumber, revision: null };
  const taken = (await storage.customers.findByLinks(tenantId, app.appId, [hit.recordId])).get(hit.recordId);
  if (taken) return { kind: "linked", customer: taken, recordNumber: hit.recordNumber };
  if (customer) {
    const linked = await storage.customers.patch(tenantId, customer.id, { kintone: link }, now.toISOString());
    if (linked) return { kind: "linked", customer: linked, recordNumber: hit.recordNumber };
  }
  const made = await createFaCustomer(
    storage,
    tenantId,
    { ...wanted, name: hit.name, company: hit.company },
    link,
    now,
  );
  return { kind: "linked", customer: made, recordNumber: hit.recordNumber };
}

interface Wanted {
  name: string;
  company: string;
  email: string;
  phone: string;
}

async function fetchCandidates(gateway: KintoneGateway, settings: Settings, wanted: Wanted) {
  const f = settings.customerApp.fields;
  const terms: string[] = [];
  const nameCode = f.name;
  if (nameCode) {
    const variants = new Set([
      wanted.name,
      wanted.name.normalize("NFKC").trim(),
      wanted.name.replace(/[\s\u3000]+/g, ""),
      wanted.company,
    ]);
    terms.push(
      `${nameCode} in (${[...variants]
        .filter((v) => v !== "")
        .map(quote)
        .join(", ")})`,
    );
  }
  if (f.email && wanted.email) terms.push(`${f.email} = ${quote(wanted.email)}`);
  if (f.phone && wanted.phone) terms.push(`${f.phone} = ${quote(wanted.phone)}`);
  if (terms.length === 0) return [];
  const records = await gateway.records(
    settings.customerApp.appId,
    `(${terms.join(") or (")}) order by $id desc limit 100`,
  );
  return records.map((r) => customerCandidate(r, f));
}

export function createFaCustomer(
  storage: Storage,
  tenantId: string,
  wanted: Wanted,
  kintone: CustomerRow["kintone"],
  now: Date,
): Promise<CustomerRow> {
  return storage.customers.create({
    id: uuidv7(now.getTime()),
    tenantId,
    name: wanted.name,
    company: wanted.company,
    department: "",
    email: wanted.email,
    phone: wanted.phone,
    address: "",
    identityKey: identityKey(wanted.name, wanted.company),
    kintone,
    createdAt: now.toISOString(),
  });
}
