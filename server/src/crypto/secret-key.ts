import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export class SecretKeyError extends Error {}

/**
 * The key that encrypts stored kintone tokens: `SECRET_KEY` (base64, 32 bytes), or one generated into
 * DATA_DIR on first start (API.md). A generated key is fine for one machine but must be backed up with
 * the database: without it the stored tokens cannot be read.
 */
export function loadSecretKey(
  env: string | undefined,
  dataDir: string,
): { key: Buffer; generated: boolean; path?: string } {
  if (env !== undefined && env !== "") {
    const key = Buffer.from(env, "base64");
    if (key.length !== 32)
      throw new SecretKeyError(
        "SECRET_KEY must be 32 bytes, base64-encoded (e.g. `openssl rand -base64 32`)",
      );
    return { key, generated: false };
  }
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, "secret.key");
  if (existsSync(path)) {
    const key = Buffer.from(readFileSync(path, "utf8").trim(), "base64");
    if (key.length !== 32) throw new SecretKeyError(`${path} does not hold a 32-byte base64 key`);
    return { key, generated: false, path };
  }
  const key = randomBytes(32);
  writeFileSync(path, `${key.toString("base64")}\n`, { mode: 0o600 });
  return { key, generated: true, path };
}
