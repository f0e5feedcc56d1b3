import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { NewCustomer } from "./customer-rows.ts";
import { openStorage } from "./open-storage.ts";
import type { Storage } from "./storage.ts";
import type { TenantRow } from "./tenants.ts";

/** Test support only. A real SQLite file in its own temporary folder: WAL, locking and files behave as in production. */
export interface TempStorage {
  storage: Storage;
  dataDir: string;
  /** Closes the database and removes the folder. */
  dispose(): Promise<void>;
}

export async function openTempStorage(): Promise<TempStorage> {
  const dataDir = mkdtempSync(join(tmpdir(), "fa-storage-"));
  const storage = await openStorage({ dataDir });
  return {
    storage,
    dataDir,
    async dispose() {
      await storage.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
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
