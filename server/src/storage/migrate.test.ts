import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Kysely } from "kysely";
import { Migrator } from "kysely/migration";
import pg from "pg";
import { afterEach, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/postgres.ts";
import { indexKeys } from "./candidate-index.ts";
import { migrations } from "./migrations/index.ts";
import { openStorage, type StorageOptions } from "./open-storage.ts";
import { openPostgresKysely } from "./postgres.ts";
import type { Database } from "./schema.ts";
import { openSqliteFile, openSqliteKysely } from "./sqlite.ts";

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

/**
 * A database left at migration 0012 holding candidate index rows (without their hashes), then opened as
 * the backend does: migration 0013 must fill the hashes so the exact lookups find the rows at once.
 */
async function upgradedIndexAnswers(db: Kysely<Database>, options: StorageOptions): Promise<void> {
  try {
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const { error } = await migrator.migrateTo("0012_run_unlinked");
    if (error !== undefined) throw error;
    await db
      .insertInto("tenants")
      .values({
        id: "t1",
        name: "A",
        connection_key_hash: "ck",
        service_token_hash: "st",
        webhook_secret_enc: "ws",
        created_at: "2026-01-01T00:00:00.000Z",
      })
      .execute();
    const row = (recordId: string, name: string, company: string, appId = "14") => {
      const keys = indexKeys(name, company);
      return {
        tenant_id: "t1",
        app_id: appId,
        record_id: recordId,
        record_number: `C-${recordId}`,
        name,
        company,
        name_key: keys.nameKey,
        company_key: keys.companyKey,
        build_id: "b1",
      };
    };
    // 1,001 rows (more than one page of the fill), the ones asked for at both ends.
    const rows = [row("0", "山田 太郎", "株式会社サンプル商事")];
    for (let i = 1; i < 1_000; i++) rows.push(row(String(i), `名前 ${i}`, `会社 ${i}`));
    rows.push(row("zz", "佐藤 花子", "ミライ商事"));
    // Another app's rows in the same pages of the fill: each app's keys hash with its own app id.
    for (let i = 0; i < 150; i++) rows.push(row(String(i), `別アプリ ${i}`, `別会社 ${i}`, "15"));
    for (let i = 0; i < rows.length; i += 200)
      await db
        .insertInto("candidate_index")
        .values(rows.slice(i, i + 200) as never)
        .execute();
  } finally {
    await db.destroy();
  }
  const storage = await openStorage(options);
  try {
    const found = await storage.candidateIndex.findByKeys(
      "t1",
      "14",
      { nameKeys: ["山田太郎", "佐藤花子"], companyKeys: ["会社999"] },
      50,
    );
    expect(found.map((r) => r.recordId).sort()).toEqual(["0", "999", "zz"]);
    const other = await storage.candidateIndex.findByKeys(
      "t1",
      "15",
      {
        nameKeys: [indexKeys("別アプリ 149", "").nameKey],
        companyKeys: [indexKeys("", "別会社 0").companyKey],
      },
      50,
    );
    expect(other.map((r) => r.recordId).sort()).toEqual(["0", "149"]);
  } finally {
    await storage.close();
  }
}

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

  test("0013 fills the candidate index's hashes of a file that has rows", async () => {
    const dataDir = tempDir();
    await upgradedIndexAnswers(openSqliteKysely(dataDir), { dataDir });
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

  test("0013 fills the candidate index's hashes of a database that has rows", async () => {
    const { url } = await newDatabase();
    await upgradedIndexAnswers(openPostgresKysely(url), { dataDir: "", databaseUrl: url });
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
