/**
 * The plug-in's signing key. The plug-in id is derived from it, and kintone treats a zip with another id
 * as another plug-in, so the key must outlive a build: it comes from PLUGIN_PRIVATE_KEY (a path) or,
 * when that is unset, from a file generated once and kept out of git (*.ppk is in .gitignore).
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

export interface PluginKey {
  pem: string;
  /** Where it came from, for the build log. */
  source: string;
}

export function loadPluginKey(envPath: string | undefined, defaultPath: string): PluginKey {
  if (envPath) {
    // A key that was asked for by name and is missing must not be replaced by a new one (new plug-in id).
    if (!existsSync(envPath))
      throw new Error(`PLUGIN_PRIVATE_KEY points at ${envPath}, which does not exist`);
    return { pem: readFileSync(envPath, "utf8"), source: `PLUGIN_PRIVATE_KEY (${envPath})` };
  }
  if (existsSync(defaultPath)) return { pem: readFileSync(defaultPath, "utf8"), source: defaultPath };
  // What kintone's packer generates itself: RSA 1024, PKCS#1 PEM.
  const { privateKey } = generateKeyPairSync("rsa", {
    modulusLength: 1024,
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  writeFileSync(defaultPath, privateKey, { mode: 0o600, flag: "wx" });
  return { pem: privateKey, source: `${defaultPath} (generated now)` };
}

/** kintone's plug-in id: sha256 of the DER public key, 32 hex digits written with the letters a–p. */
export function pluginIdOf(privateKeyPem: string): string {
  const der = createPublicKey(createPrivateKey(privateKeyPem)).export({ type: "spki", format: "der" });
  const hex = createHash("sha256").update(der).digest("hex").slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join("");
}
