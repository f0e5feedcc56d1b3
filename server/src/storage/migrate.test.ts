import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterEach, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/postgres.ts";
import { openStorage } from "./open-storage.ts";
import { openSqliteFile } from "./sqlite.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "fa-migrate-"));
  dirs.push(dir);
  return dir;
}

const TABLES = [
  "candidate_index",
  "candidate_index_state",
  "customers",
  "exports",
  "fa_users",
  "import_run_issues",
  "import_runs",
  "jobs",
  "key_check",
  "kintone_request_counts",
  "leases",
  "settings",
  "tenants",
];

/** The tenant a migration must keep when it opens the file or database again. */
const TENANT = {
  id: "t1",
  name: "A",
  connectionKeyHash: "ck",
  serviceTokenHash: "st",
  webhookSecretEnc: "ws",
  createdAt: "2026-01-01T00:00:00.000Z",
};

/** Settings of a tenant that does not exist: the foreign key must refuse them, on either database. */
const ORPHAN_SETTINGS = {
  body: {},
  customerTokenEnc: null,
  activityTokenEnc: null,
  importKey: null,
  savedAt: "2026-01-01T00:00:00.000Z",
};

function tableNames(dataDir: string): string[] {
  const db = openSqliteFile(dataDir);
  try {
    const rows = db
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'kysely_%' and name not like 'sqlite_%' order by name",
      )
      .all() as Array<{ name: string }>;
    return rows.map((r) => r.name);
  } finally {
    db.close();
  }
}

describe("migrateToLatest", () => {
  test("creates every table in a new file", async () => {
    const dataDir = tempDir();
    const storage = await openStorage({ dataDir });
    await storage.close();
    expect(tableNames(dataDir)).toEqual(TABLES);
  });

  test("is idempotent: opening the same file again applies nothing and keeps the data", async () => {
    const dataDir = tempDir();
    const first = await openStorage({ dataDir });
    await first.tenants.create(TENANT);
    await first.close();

    const second = await openStorage({ dataDir });
    expect((await second.tenants.get("t1"))?.name).toBe("A");
    await second.close();
    expect(tableNames(dataDir)).toEqual(TABLES);
  });

  test("the file is in WAL mode with foreign keys enforced", async () => {
    const dataDir = tempDir();
    const storage = await openStorage({ dataDir });
    await expect(storage.settings.put("no-such-tenant", ORPHAN_SETTINGS)).rejects.toThrow(/FOREIGN KEY/);
    await storage.close();
    const db = openSqliteFile(dataDir);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
  });
});

describe("migrateToLatest on PostgreSQL", () => {
  const databases: TestDatabase[] = [];
  afterEach(async () => {
    for (const database of databases.splice(0)) await database.drop();
  });
  const newDatabase = async () => {
    const database = await createTestDatabase();
    databases.push(database);
    return database;
  };
  const tableNames = async (url: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>(
        "select table_name as name from information_schema.tables where table_schema = 'public' and table_name not like 'kysely_%' order by table_name",
      );
      return rows.map((r) => r.name);
    } finally {
      await client.end();
    }
  };

  test("every migration runs on an empty database and creates the same tables", async () => {
    const { url } = await newDatabase();
    const storage = await openStorage({ dataDir: "", databaseUrl: url });
    await storage.close();
    expect(await tableNames(url)).toEqual(TABLES);
  });

  test("is idempotent, including two starts at once (kysely's migration lock)", async () => {
    const { url } = await newDatabase();
    const [first, second] = await Promise.all([
      openStorage({ dataDir: "", databaseUrl: url }),
      openStorage({ dataDir: "", databaseUrl: url }),
    ]);
    await first.tenants.create(TENANT);
    await Promise.all([first.close(), second.close()]);
    const third = await openStorage({ dataDir: "", databaseUrl: url });
    expect((await third.tenants.get("t1"))?.name).toBe("A");
    await third.close();
  });

  test("a server that cannot be reached stops the start with DATABASE_UNREACHABLE, without the password", async () => {
    const { url } = await newDatabase();
    const wrong = new URL(url);
    wrong.pathname = "/no_such_database";
    wrong.password = "secret-pw";
    const refused = await openStorage({ dataDir: "", databaseUrl: wrong.toString() }).catch((e) => e);
    expect(refused).toMatchObject({ code: "DATABASE_UNREACHABLE" });
    expect(refused.message).toContain("no_such_database");
    expect(refused.message).not.toContain("secret-pw");
  });

  test("foreign keys are enforced", async () => {
    const { url } = await newDatabase();
    const storage = await openStorage({ dataDir: "", databaseUrl: url });
    try {
      await expect(storage.settings.put("no-such-tenant", ORPHAN_SETTINGS)).rejects.toThrow(/foreign key/);
    } finally {
      await storage.close();
    }
  });
});
