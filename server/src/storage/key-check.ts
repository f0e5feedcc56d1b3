import { keyCheckValue } from "../crypto/secret-key.ts";
import { decryptSecret, sameSecret } from "../crypto/secrets.ts";
import { StartupError } from "../startup-error.ts";
import type { Db } from "./schema.ts";

export interface KeyToCheck {
  key: Buffer;
  /** `SECRET_KEY` or the key file's path, for the message; never the key. */
  source: string;
}

/**
 * Refuses a key the database's secrets were not encrypted with. Without this a wrong SECRET_KEY (or a
 * database restored without its secret.key) started normally — /healthz 200 — and every signed event and
 * kintone call then failed with 500, one at a time.
 *
 * The first start records the key's check value. A database from before the check holds none: a tenant's
 * webhook secret, encrypted with the key (AES-GCM, so a wrong key fails authentication), proves the key
 * before the value is recorded; with no tenant yet, nothing was encrypted and any key is right.
 */
export async function verifySecretKey(
  db: Db,
  { key, source }: KeyToCheck,
  database: string,
  now: Date,
): Promise<void> {
  const expected = keyCheckValue(key);
  const stored = await db.selectFrom("key_check").select("value").where("id", "=", 1).executeTakeFirst();
  if (stored !== undefined) {
    if (!sameSecret(stored.value, expected)) throw mismatch(source, database);
    return;
  }
  const tenant = await db.selectFrom("tenants").select("webhook_secret_enc").limit(1).executeTakeFirst();
  if (tenant !== undefined) {
    try {
      decryptSecret(key, tenant.webhook_secret_enc);
    } catch (error) {
      throw mismatch(source, database, error);
    }
  }
  await db
    .insertInto("key_check")
    .values({ id: 1, value: expected, created_at: now.toISOString() })
    .onConflict((c) => c.doNothing())
    .execute();
}

function mismatch(source: string, database: string, cause?: unknown): StartupError {
  const key = source === "SECRET_KEY" ? "SECRET_KEY" : `The key in ${source}`;
  return new StartupError("SECRET_KEY_MISMATCH", { key, database }, { cause });
}
