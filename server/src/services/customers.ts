import {
  type CrmCandidate,
  type CustomerCreate,
  type CustomerPatch,
  identityKey,
  nameAndCompany,
} from "@front-agent/shared";
import { uuidv7 } from "../ids.ts";
import type { CustomerRow, Storage } from "../storage/index.ts";
import { type CandidateQuery, searchCandidates } from "./crm-candidates.ts";
import type { LinkDeps } from "./customer-link.ts";
import { Refused } from "./exports/refused.ts";
import { loadResolvedSettings, requireStoredSettings } from "./settings.ts";

/** Front Agent's customer directory (SPEC I8): what the API changes here is never written to kintone. */
export interface DirectoryDeps {
  storage: Storage;
  now(): Date;
}

/** The tenant's FA customer; CUSTOMER_NOT_FOUND (404) when it has none by that id. */
export async function findCustomer(
  storage: Storage,
  tenantId: string,
  customerId: string,
): Promise<CustomerRow> {
  const customer = await storage.customers.get(tenantId, customerId);
  if (!customer) throw new Refused("CUSTOMER_NOT_FOUND");
  return customer;
}

/** A customer made by hand (POST /v1/customers): SPEC I2/I3 apply as on import. */
export async function createCustomer(
  deps: DirectoryDeps,
  tenantId: string,
  body: CustomerCreate,
): Promise<CustomerRow> {
  const { name, company } = nameAndCompany(body);
  return deps.storage.customers.create({
    id: uuidv7(),
    tenantId,
    name,
    company,
    department: body.department,
    email: body.email,
    phone: body.phone,
    address: body.address,
    identityKey: identityKey(name, company),
    kintone: null,
    createdAt: deps.now().toISOString(),
  });
}

/** PATCH /v1/customers/{id}: the sent fields change; the identity follows the name and company. */
export async function patchCustomer(
  deps: DirectoryDeps,
  tenantId: string,
  customerId: string,
  body: CustomerPatch,
): Promise<CustomerRow> {
  const existing = await findCustomer(deps.storage, tenantId, customerId);
  const name = body.name ?? existing.name;
  const company = body.company ?? existing.company;
  const changed = await deps.storage.customers.patch(
    tenantId,
    existing.id,
    { ...body, identityKey: identityKey(name, company) },
    deps.now().toISOString(),
  );
  if (!changed) throw new Refused("CUSTOMER_NOT_FOUND");
  return changed;
}

/**
 * CRM候補検索 (SPEC L1) with the tenant's stored settings: GET /v1/crm-candidates, an FA customer's
 * candidates and a waiting export's all ask this.
 */
export async function crmCandidates(
  deps: LinkDeps,
  tenantId: string,
  query: CandidateQuery,
): Promise<CrmCandidate[]> {
  const settings = await loadResolvedSettings(deps, tenantId);
  return searchCandidates(
    {
      storage: deps.storage,
      gateway: deps.gatewayFor(settings, tenantId),
      settings,
      now: deps.now,
      onQueued: deps.jobsQueued,
    },
    tenantId,
    query,
  );
}

/** CRM候補検索 for an FA customer (GET /v1/customers/{id}/crm-candidates): by its name and company. */
export async function customerCrmCandidates(
  deps: LinkDeps,
  tenantId: string,
  customerId: string,
): Promise<CrmCandidate[]> {
  const customer = await findCustomer(deps.storage, tenantId, customerId);
  return crmCandidates(deps, tenantId, { name: customer.name, company: customer.company });
}

/**
 * The record-view button's link (SPEC B1): the Front Agent page of the FA customer linked to this record of
 * the current customer app. SETTINGS_NOT_FOUND before a save; CUSTOMER_NOT_LINKED when none is linked.
 */
export async function linkedCustomerUrl(
  storage: Storage,
  tenantId: string,
  recordId: string,
): Promise<string> {
  const settings = await requireStoredSettings(storage, tenantId);
  const linked = await storage.customers.findByLinks(tenantId, settings.customerApp.appId, [recordId]);
  const customer = linked.get(recordId);
  if (!customer) throw new Refused("CUSTOMER_NOT_LINKED");
  return `${settings.frontAgent.baseUrl}/customers/${encodeURIComponent(customer.id)}`;
}
