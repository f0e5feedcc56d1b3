import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Kysely } from "kysely";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { fillDatabase } from "../../test/filled-database.ts";
import { createTestDatabase, databaseText, type TestDatabase } from "../../test/postgres.ts";
import { decryptSecret, encryptSecret } from "../crypto/secrets.ts";
import { type CreatedTenant, createTenant, tenantByConnectionKey } from "../services/tenants.ts";
import { COPIED_TABLES, copySqliteToPostgres, NOT_COPIED } from "./copy-database.ts";
import { openStorage } from "./open-storage.ts";
import { openPostgresKysely, redactUrl } from "./postgres.ts";
import type { Database } from "./schema.ts";
import { openSqliteFile, openSqliteKysely, SQLITE_FILE_NAME } from "./sqlite.ts";
import type { Storage } from "./storage.ts";
import { customerInput, link } from "./testing.ts";

const key = randomBytes(32);
const secretKey = { key, source: "SECRET_KEY" };
const T = "2026-03-02T09:00:00.000Z";
/** More than two inserts' worth (500 rows each), so the batches are exercised. */
const CUSTOMERS = 1_234;

let dataDir: string;
let target: TestDatabase;
beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "fa-copy-"));
  target = await createTestDatabase();
});
afterEach(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  await target.drop();
});

/** A SQLite database with a row in every copied table, written through the storage API. */
async function fillSource(): Promise<{ filled: string; second: CreatedTenant }> {
  const filled = await fillDatabase(dataDir, key, CUSTOMERS);
  const storage = await openStorage({ dataDir, secretKey });
  try {
    const second = await createTenant(storage, key, "株式会社セカンド", new Date(T));
    await storage.tenants.setRecordKeyHash(second.tenantId, "record-key-hash");
    await storage.settings.put(second.tenantId, {
      body: { customerApp: { appId: "14" }, syncIntervalHours: 24 },
      customerTokenEnc: encryptSecret(key, "customer-api-token"),
      activityTokenEnc: encryptSecret(key, "activity-api-token"),
      importKey: "import-key-1",
      savedAt: T,
    });
    await storage.customers.create(customerInput(second.tenantId, 1, { kintone: link("7") }));
    await storage.customers.create(customerInput(second.tenantId, 2));
    await storage.runs.create({ id: "run-1", tenantId: second.tenantId, kind: "initial", startedAt: T });
    await storage.runs.addIssues("run-1", [
      { recordId: "8", kind: "skipped", reason: "IMPORT_NAME_EMPTY", detail: null },
      { recordId: "9", kind: "failed", reason: "IMPORT_INVALID", detail: "会社名が長すぎます" },
    ]);
    await storage.runs.finish(second.tenantId, "run-1", { status: "succeeded", finishedAt: T, watermark: T });
    await storage.jobs.enqueue({
      tenantId: second.tenantId,
      kind: "export",
      payload: { exportId: "x1" },
      runAt: T,
    });
    await storage.requestCounts.add(second.tenantId, "14", "2026-03-02", 42);
    await storage.users.put(second.tenantId, {
      id: "u1",
      name: "山田 花子",
      email: "hanako@example.com",
      updatedAt: T,
    });
    await storage.exports.createOrGet({
      id: "x1",
      tenantId: second.tenantId,
      eventId: "evt-1",
      event: { eventId: "evt-1", minutes: { summary: "要約" } },
      createdAt: T,
    });
    await storage.exports.update(second.tenantId, "x1", {
      status: "failed",
      reason: { code: "EXPORT_KINTONE_REJECTED", params: { code: "GAIA_X" } },
      attempted: true,
      at: T,
    });
    await storage.candidateIndex.put(
      second.tenantId,
      "14",
      [{ recordId: "7", recordNumber: "C-7", name: "鈴木 一郎", company: "サンプル商事" }],
      "b2",
    );
    await storage.candidateIndex.finishBuild(second.tenantId, "14", {
      buildId: "b2",
      builtAt: T,
      freshSince: T,
      refreshedAt: T,
    });
    return { filled, second };
  } finally {
    await storage.close();
  }
}

/** Every row of a table, in an order independent of the database. */
async function rowsOf(db: Kysely<Database>, table: string): Promise<unknown[]> {
  // withTables: any table name, its rows as plain records (types only; the query is the same).
  const rows = await db
    .withTables<Record<string, Record<string, unknown>>>()
    .selectFrom(table)
    .selectAll()
    .execute();
  const canonical = (row: Record<string, unknown>) => JSON.stringify(Object.entries(row).sort());
  return rows.map(canonical).sort();
}

/** What the backend reads back through the storage API, for one tenant. */
async function readBack(storage: Storage, tenantId: string) {
  return {
    tenants: await storage.tenants.list(),
    settings: await storage.settings.get(tenantId),
    customers: await storage.customers.list(tenantId, { limit: 100 }),
    counts: await storage.customers.counts(tenantId),
    runs: await storage.runs.list(tenantId, 10),
    issues: await storage.runs.issues(tenantId, "run-1", 10),
    jobs: await storage.jobs.pending(tenantId, "export"),
    requests: await storage.requestCounts.get(tenantId, "2026-03-02"),
    users: await storage.users.list(tenantId),
    export: await storage.exports.get(tenantId, "x1"),
    exportCounts: await storage.exports.counts(tenantId),
    candidates: await storage.candidateIndex.search(tenantId, "14", ["サンプル"], 10),
    candidateState: await storage.candidateIndex.state(tenantId, "14"),
  };
}

describe("copy from SQLite to PostgreSQL", () => {
  test("every table's rows arrive as stored, and the backend reads them back the same with the same key", async () => {
    const { filled, second } = await fillSource();

    const result = await copySqliteToPostgres({ dataDir, databaseUrl: target.url, secretKey });

    expect(result.target).toBe(redactUrl(target.url));
    expect(result.copied).toMatchObject({
      tenants: 2,
      customers: CUSTOMERS + 2,
      candidate_index: CUSTOMERS + 1,
    });
    expect(Object.keys(result.copied)).toEqual([...COPIED_TABLES]);
    for (const table of COPIED_TABLES) expect(result.copied[table], table).toBeGreaterThan(0);
    const sqlite = openSqliteKysely(dataDir);
    const postgres = openPostgresKysely(target.url);
    try {
      for (const table of COPIED_TABLES) {
        expect(await rowsOf(postgres, table), table).toEqual(await rowsOf(sqlite, table));
      }
    } finally {
      await Promise.all([sqlite.destroy(), postgres.destroy()]);
    }

    const source = await openStorage({ dataDir, secretKey });
    const copy = await openStorage({ dataDir, databaseUrl: target.url, secretKey });
    try {
      for (const tenantId of [filled, second.tenantId]) {
        expect(await readBack(copy, tenantId)).toEqual(await readBack(source, tenantId));
      }
      // The secrets went across encrypted, and the same key reads them.
      const settings = await copy.settings.get(second.tenantId);
      expect(decryptSecret(key, settings?.customerTokenEnc ?? "")).toBe("customer-api-token");
      expect(decryptSecret(key, settings?.activityTokenEnc ?? "")).toBe("activity-api-token");
      const tenant = await tenantByConnectionKey(copy, second.connectionKey);
      expect(decryptSecret(key, tenant?.webhookSecretEnc ?? "")).toBe(second.webhookSecret);
    } finally {
      await Promise.all([source.close(), copy.close()]);
    }
    // The key check went across too: another key is refused on the copy as on the original.
    await expect(
      openStorage({
        dataDir,
        databaseUrl: target.url,
        secretKey: { key: randomBytes(32), source: "SECRET_KEY" },
      }),
    ).rejects.toMatchObject({ code: "SECRET_KEY_MISMATCH" });
  });

  test("a target that already holds a tenant is refused and left exactly as it was", async () => {
    await fillSource();
    await copySqliteToPostgres({ dataDir, databaseUrl: target.url, secretKey });
    const before = await databaseText(target.url);

    await expect(copySqliteToPostgres({ dataDir, databaseUrl: target.url, secretKey })).rejects.toMatchObject(
      {
        code: "COPY_TARGET_NOT_EMPTY",
        params: { database: redactUrl(target.url), table: "tenants" },
      },
    );
    expect(await databaseText(target.url)).toBe(before);
  });

  test("a row the target refuses rolls the whole copy back: the target stays empty", async () => {
    await fillSource();
    // A job of a tenant that does not exist, as SQLite with its foreign keys off would keep it.
    const db = openSqliteFile(dataDir);
    db.pragma("foreign_keys = OFF");
    db.prepare(
      `insert into jobs (id, tenant_id, kind, payload, status, run_at, attempts, created_at, updated_at)
       values ('orphan', 'no-such-tenant', 'export', '{}', 'queued', ?, 0, ?, ?)`,
    ).run(T, T, T);
    db.close();

    await expect(copySqliteToPostgres({ dataDir, databaseUrl: target.url, secretKey })).rejects.toMatchObject(
      {
        code: "23503", // foreign_key_violation
      },
    );
    const postgres = openPostgresKysely(target.url);
    try {
      for (const table of COPIED_TABLES.filter((t) => t !== "key_check")) {
        expect(await rowsOf(postgres, table), table).toEqual([]);
      }
    } finally {
      await postgres.destroy();
    }
  });

  test("an unreachable target is refused, the message without the password", async () => {
    await fillSource();
    const url = "postgres://front_agent:hunter2-never-shown@127.0.0.1:1/front_agent";
    const error = await copySqliteToPostgres({ dataDir, databaseUrl: url, secretKey }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "COPY_TARGET_UNREACHABLE" });
    expect((error as Error).message).toContain("postgres://front_agent:***@127.0.0.1:1/front_agent");
    expect((error as Error).message).not.toContain("hunter2");
  });

  test("no SQLite file under DATA_DIR is refused, without making one", async () => {
    await expect(copySqliteToPostgres({ dataDir, databaseUrl: target.url, secretKey })).rejects.toMatchObject(
      {
        code: "COPY_SOURCE_MISSING",
      },
    );
    expect(existsSync(join(dataDir, SQLITE_FILE_NAME))).toBe(false);
  });
});

describe("the list of tables", () => {
  test("every table of the migrated SQLite file is copied or left behind on purpose", async () => {
    await (await openStorage({ dataDir })).close();
    const db = openSqliteFile(dataDir);
    try {
      const tables = db
        .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
        .all() as Array<{ name: string }>;
      const known = new Set<string>([...COPIED_TABLES, ...Object.keys(NOT_COPIED)]);
      expect(tables.map((t) => t.name).filter((name) => !known.has(name))).toEqual([]);
      // And the other way round: nothing copied that the schema does not have.
      expect(COPIED_TABLES.filter((name) => !tables.some((t) => t.name === name))).toEqual([]);
    } finally {
      db.close();
    }
  });

  test("each table comes after the tables its foreign keys point to", async () => {
    await (await openStorage({ dataDir })).close();
    const db = openSqliteFile(dataDir);
    try {
      const order: string[] = [...COPIED_TABLES];
      for (const table of order) {
        const parents = db.pragma(`foreign_key_list(${table})`) as Array<{ table: string }>;
        for (const { table: parent } of parents) {
          expect(order.slice(0, order.indexOf(table)), `${table} → ${parent}`).toContain(parent);
        }
      }
    } finally {
      db.close();
    }
  });
});
