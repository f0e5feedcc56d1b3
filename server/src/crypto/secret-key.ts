import { createHmac, randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { StartupCode } from "@front-agent/shared";
import { StartupError } from "../startup-error.ts";
import { prepareDataDir, restrictToOwner } from "../storage/data-dir.ts";

/** A key that cannot be used: SECRET_KEY malformed, or secret.key damaged (exit code 2). */
export class SecretKeyError<C extends StartupCode = StartupCode> extends StartupError<C> {}

export interface SecretKey {
  key: Buffer;
  generated: boolean;
  path?: string;
  /** How an operator knows this key: `SECRET_KEY`, or the path of the key file. Never the key itself. */
  source: string;
}

/**
 * The key that encrypts stored kintone tokens: `SECRET_KEY` (base64, 32 bytes), or one generated into
 * DATA_DIR on first start (API.md). A generated key is fine for one machine but must be backed up with
 * the database: without it the stored tokens cannot be read.
 */
export function loadSecretKey(env: string | undefined, dataDir: string): SecretKey {
  if (env !== undefined && env !== "") {
    const key = Buffer.from(env, "base64");
    if (key.length !== 32) throw new SecretKeyError("SECRET_KEY_INVALID", {});
    return { key, generated: false, source: "SECRET_KEY" };
  }
  prepareDataDir(dataDir);
  const path = join(dataDir, "secret.key");
  if (existsSync(path)) {
    const key = Buffer.from(readFileSync(path, "utf8").trim(), "base64");
    if (key.length !== 32) throw new SecretKeyError("SECRET_KEY_FILE_INVALID", { path });
    // A key file copied back from a backup with `cp` comes back world-readable.
    restrictToOwner(path, 0o600);
    return { key, generated: false, path, source: path };
  }
  const key = randomBytes(32);
  writeFileSync(path, `${key.toString("base64")}\n`, { mode: 0o600 });
  return { key, generated: true, path, source: path };
}

const KEY_CHECK_CONSTANT = "front-agent-kintone key check v1";

/**
 * A key check value: an HMAC of a constant under the key, stored with the database so a start with
 * another key is refused before anything is decrypted. It reveals nothing about the key (HMAC is a PRF);
 * the prefix leaves room for another derivation.
 */
export function keyCheckValue(key: Buffer): string {
  return `v1.${createHmac("sha256", key).update(KEY_CHECK_CONSTANT).digest("base64url")}`;
}
