import { verifyAssistSignature } from "@front-agent/shared/node";
import { decryptSecret } from "../../crypto/secrets.ts";
import type { TenantRow } from "../../storage/index.ts";
import { TtlCache } from "../../ttl-cache.ts";

/**
 * SPEC E1: an assist event is Front Agent's when X-FA-Signature signs its raw bytes with the tenant's webhook
 * secret, recently. The signature covers the bytes as sent, so it is checked before the body is parsed.
 * Each tenant's decrypted secret is kept a minute: it is read on every event and changes rarely.
 */
export class AssistSignatures {
  private readonly secrets = new TtlCache<string>(60_000);

  constructor(
    private readonly secretKey: Buffer,
    private readonly now: () => Date,
  ) {}

  async check(
    tenant: Pick<TenantRow, "id" | "webhookSecretEnc">,
    header: string | undefined,
    raw: Uint8Array,
  ): Promise<ReturnType<typeof verifyAssistSignature>> {
    const secret = await this.secrets.get(tenant.id, async () =>
      decryptSecret(this.secretKey, tenant.webhookSecretEnc),
    );
    return verifyAssistSignature(header, secret, raw, this.now());
  }
}
