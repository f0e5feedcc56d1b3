import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { loadSecretKey } from "./secret-key.ts";
import { decryptSecret, encryptSecret, hashSecret, newSecret } from "./secrets.ts";

describe("secrets", () => {
  test("tokens round-trip through AES-256-GCM and never appear in the stored form", () => {
    const key = randomBytes(32);
    const stored = encryptSecret(key, "kintone-api-token-123");
    expect(stored).not.toContain("kintone-api-token-123");
    expect(stored).not.toBe(encryptSecret(key, "kintone-api-token-123"));
    expect(decryptSecret(key, stored)).toBe("kintone-api-token-123");
  });

  test("a tampered ciphertext or another key fails instead of returning garbage", () => {
    const key = randomBytes(32);
    const stored = encryptSecret(key, "secret");
    const parts = stored.split(".");
    parts[3] = Buffer.from("tampered").toString("base64url");
    expect(() => decryptSecret(key, parts.join("."))).toThrow();
    expect(() => decryptSecret(randomBytes(32), stored)).toThrow();
  });

  test("new secrets are distinct, prefixed and hashed deterministically", () => {
    const a = newSecret("ck");
    expect(a).toMatch(/^fa_ck_[A-Za-z0-9_-]{43}$/);
    expect(newSecret("ck")).not.toBe(a);
    expect(hashSecret(a)).toBe(hashSecret(a));
    expect(hashSecret(a)).not.toContain(a);
  });
});

describe("loadSecretKey", () => {
  test("generates a key into DATA_DIR once (mode 600), then reuses it", () => {
    const dir = mkdtempSync(join(tmpdir(), "fa-key-"));
    try {
      const first = loadSecretKey(undefined, dir);
      expect(first.generated).toBe(true);
      expect(statSync(join(dir, "secret.key")).mode & 0o777).toBe(0o600);
      const second = loadSecretKey(undefined, dir);
      expect(second.generated).toBe(false);
      expect(second.key.equals(first.key)).toBe(true);
      expect(readFileSync(join(dir, "secret.key"), "utf8").trim()).toBe(first.key.toString("base64"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("SECRET_KEY wins and must be 32 bytes", () => {
    const key = randomBytes(32);
    expect(loadSecretKey(key.toString("base64"), "/nonexistent").key.equals(key)).toBe(true);
    expect(() => loadSecretKey(Buffer.from("short").toString("base64"), "/nonexistent")).toThrow(/32 bytes/);
  });
});
