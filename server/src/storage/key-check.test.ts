import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { encryptSecret } from "../crypto/secrets.ts";
import { StartupError } from "../startup-error.ts";
import { openStorage } from "./open-storage.ts";
import { openSqliteFile } from "./sqlite.ts";
import { tenantRow } from "./testing.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "fa-key-check-"));
  dirs.push(dir);
  return dir;
}

const keyA = randomBytes(32);
const keyB = randomBytes(32);
const withKey = (key: Buffer) => ({ key, source: "SECRET_KEY" });

/** Opens with the key, closes, and says how it went: "opened" or the StartupError's code. */
async function openWith(dataDir: string, key: Buffer): Promise<string> {
  try {
    await (await openStorage({ dataDir, secretKey: withKey(key) })).close();
    return "opened";
  } catch (error) {
    if (error instanceof StartupError) return error.code;
    throw error;
  }
}

/** A database as the code before the key check left it: tenants, no check value. */
async function legacyDatabase(tenantKey: Buffer | null): Promise<string> {
  const dataDir = tempDir();
  const storage = await openStorage({ dataDir });
  if (tenantKey)
    await storage.tenants.create(tenantRow("t1", { webhookSecretEnc: encryptSecret(tenantKey, "whsec") }));
  await storage.close();
  const db = openSqliteFile(dataDir);
  db.prepare("delete from key_check").run();
  db.close();
  return dataDir;
}

describe("the key check", () => {
  test("a new database records the first key and refuses any other after it", async () => {
    const dataDir = tempDir();
    expect(await openWith(dataDir, keyA)).toBe("opened");
    expect(await openWith(dataDir, keyB)).toBe("SECRET_KEY_MISMATCH");
    expect(await openWith(dataDir, keyA)).toBe("opened");
  });

  test("a database from before the check: a key that cannot decrypt a tenant's webhook secret is refused", async () => {
    const dataDir = await legacyDatabase(keyA);
    expect(await openWith(dataDir, keyB)).toBe("SECRET_KEY_MISMATCH");
    // Refusing recorded nothing: the right key is still accepted, and from then on the check value decides.
    expect(await openWith(dataDir, keyA)).toBe("opened");
    expect(await openWith(dataDir, keyB)).toBe("SECRET_KEY_MISMATCH");
  });

  test("a database from before the check with no tenant: nothing was encrypted, the key is recorded", async () => {
    const dataDir = await legacyDatabase(null);
    expect(await openWith(dataDir, keyB)).toBe("opened");
    expect(await openWith(dataDir, keyA)).toBe("SECRET_KEY_MISMATCH");
  });

  test("the message names the key's source, never the key", async () => {
    const dataDir = tempDir();
    await openWith(dataDir, keyA);
    const error = await openStorage({
      dataDir,
      secretKey: { key: keyB, source: "/srv/data/secret.key" },
    }).then(
      () => new Error("opened"),
      (e: unknown) => e as StartupError,
    );
    expect(error.message).toMatch(/^The key in \/srv\/data\/secret\.key is not the key this database/);
    expect(error.message).not.toContain(keyB.toString("base64"));
  });
});
