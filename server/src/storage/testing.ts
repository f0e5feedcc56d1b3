import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe } from "vitest";
import { createTestDatabase } from "../../test/postgres.ts";
import type { NewCustomer } from "./customer-rows.ts";
import { openStorage } from "./open-storage.ts";
import { openPostgresKysely } from "./postgres.ts";
import { createStorage, type Storage } from "./storage.ts";
import type { TenantRow } from "./tenants.ts";

/** The databases the storage tests run on (`describe.each(STORAGE_KINDS)`). */
export const STORAGE_KINDS = ["sqlite", "postgres"] as const;
export type StorageKind = (typeof STORAGE_KINDS)[number];

/**
 * Declares `suite` once on each database, as `describe("on sqlite")` and `describe("on postgres")`: how a
 * service or HTTP test file says it holds on both (issue 14). The suite sets up its own storage or
 * backend for the database it is given (`useTempStorage(database)`, `startHarness({ database })`).
 */
export function forEachDatabase(suite: (database: StorageKind) => void): void {
  describe.each(STORAGE_KINDS)("on %s", suite);
}

/**
 * Test support only. A real database: a SQLite file in its own temporary folder (WAL, locking and files
 * behave as in production), or a database of its own on the test PostgreSQL server (test/postgres.ts).
 */
export interface TempStorage {
  storage: Storage;
  kind: StorageKind;
  /** A temporary folder (the SQLite file's; empty for PostgreSQL). */
  dataDir: string;
  /** The PostgreSQL database's URL; null on SQLite. */
  databaseUrl: string | null;
  /** Closes the database and removes the folder (and the PostgreSQL database). */
  dispose(): Promise<void>;
}

export async function openTempStorage(kind: StorageKind = "sqlite"): Promise<TempStorage> {
  const dataDir = mkdtempSync(join(tmpdir(), "fa-storage-"));
  const database = kind === "postgres" ? await createTestDatabase(await migratedTemplate()) : null;
  // A copy of the migrated template needs no migration: kysely's Migrator alone took ~50 ms per test.
  const storage =
    database === null ? await openStorage({ dataDir }) : createStorage(openPostgresKysely(database.url));
  return {
    storage,
    kind,
    dataDir,
    databaseUrl: database?.url ?? null,
    async dispose() {
      await storage.close();
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh temporary storage for each test of the enclosing describe, holding these tenants, disposed after
 * it. The object stays the same while the storage behind it is made anew, so tests write `t.storage`.
 */
export function useTempStorage(kind: StorageKind, tenants: readonly string[] = []): TempStorage {
  let current: TempStorage | undefined;
  beforeEach(async () => {
    current = await openTempStorage(kind);
    for (const id of tenants) await current.storage.tenants.create(tenantRow(id));
  });
  afterEach(() => current?.dispose());
  const now = () => {
    if (!current) throw new Error("useTempStorage: read inside a test, not while the suite is collected");
    return current;
  };
  return {
    get storage() {
      return now().storage;
    },
    get kind() {
      return now().kind;
    },
    get dataDir() {
      return now().dataDir;
    },
    get databaseUrl() {
      return now().databaseUrl;
    },
    dispose: () => now().dispose(),
  };
}

let template: Promise<string> | undefined;

/**
 * A database migrated once per test process (through openStorage, as in production), copied for each
 * test: a copy takes ~55 ms where a new database and its migration took ~150 ms.
 */
function migratedTemplate(): Promise<string> {
  template ??= (async () => {
    const database = await createTestDatabase();
    const storage = await openStorage({ dataDir: "", databaseUrl: database.url });
    await storage.close();
    return database.name;
  })();
  return template;
}

export const T0 = "2026-01-01T00:00:00.000Z";

export function tenantRow(id: string, overrides: Partial<TenantRow> = {}): TenantRow {
  return {
    id,
    name: `tenant ${id}`,
    connectionKeyHash: `ck-${id}`,
    serviceTokenHash: `st-${id}`,
    webhookSecretEnc: `ws-${id}`,
    createdAt: T0,
    ...overrides,
  };
}

/** An unlinked customer named after `n`; override what the test is about. */
export function customerInput(
  tenantId: string,
  n: number,
  overrides: Partial<NewCustomer> = {},
): NewCustomer {
  return {
    tenantId,
    name: `Name ${n}`,
    company: `Company ${n}`,
    department: "",
    email: `user${n}@example.com`,
    phone: "",
    address: "",
    identityKey: `name ${n}|company ${n}`,
    kintone: null,
    createdAt: T0,
    ...overrides,
  };
}

export function link(recordId: string, appId = "14"): NonNullable<NewCustomer["kintone"]> {
  return { appId, recordId, recordNumber: `C-${recordId}`, revision: "1" };
}
