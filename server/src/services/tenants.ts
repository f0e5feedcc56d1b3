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
