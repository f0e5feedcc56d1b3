import { randomUUID } from "node:crypto";
import { encryptSecret, hashSecret, newSecret } from "../crypto/secrets.ts";
import type { Storage, TenantRow } from "../storage/index.ts";

export interface CreatedTenant {
  tenantId: string;
  connectionKey: string;
  serviceToken: string;
  webhookSecret: string;
}

/**
 * A new tenant with its three secrets, shown to the operator once (API.md): the connection key and the
 * service token are kept only as hashes, the webhook secret encrypted (it is needed to verify signatures).
 */
export async function createTenant(
  storage: Storage,
  secretKey: Buffer,
  name: string,
  now: Date,
): Promise<CreatedTenant> {
  const created: CreatedTenant = {
    tenantId: randomUUID(),
    connectionKey: newSecret("ck"),
    serviceToken: newSecret("st"),
    webhookSecret: newSecret("wh"),
  };
  await storage.tenants.create({
    id: created.tenantId,
    name,
    connectionKeyHash: hashSecret(created.connectionKey),
    serviceTokenHash: hashSecret(created.serviceToken),
    webhookSecretEnc: encryptSecret(secretKey, created.webhookSecret),
    createdAt: now.toISOString(),
  });
  return created;
}

export function tenantByConnectionKey(storage: Storage, key: string): Promise<TenantRow | null> {
  return storage.tenants.findByConnectionKeyHash(hashSecret(key));
}

export function tenantByServiceToken(storage: Storage, token: string): Promise<TenantRow | null> {
  return storage.tenants.findByServiceTokenHash(hashSecret(token));
}

/**
 * A new record key for the tenant, replacing the previous one (plugin/README.md "Threat model"): the one
 * secret kintone's proxy adds for record pages, which only `GET /v1/kintone/customer-link` accepts. Every
 * settings save issues one, so a plug-in re-saved by its administrator also rotates it.
 */
export async function issueRecordKey(storage: Storage, tenantId: string): Promise<string> {
  const key = newSecret("rk");
  await storage.tenants.setRecordKeyHash(tenantId, hashSecret(key));
  return key;
}

export function tenantByRecordKey(storage: Storage, key: string): Promise<TenantRow | null> {
  return storage.tenants.findByRecordKeyHash(hashSecret(key));
}
