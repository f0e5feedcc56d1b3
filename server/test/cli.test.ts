import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { formatCode, formatMessage } from "@front-agent/shared";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readConfig } from "../src/config.ts";
import { type RunningServer, startServer } from "../src/server.ts";
import { redactUrl } from "../src/storage/index.ts";
import { bundledEntry, freePort, kill, startBackend, useBackendBundle } from "./child-backend.ts";
import { type BackendData, createBackendData, forEachDatabase } from "./harness.ts";
import { createTestDatabase } from "./postgres.ts";

const run = promisify(execFile);
const serverDir = fileURLToPath(new URL("..", import.meta.url));
useBackendBundle();

/** The CLI as `pnpm cli` runs it: node on the bundle's cli.mjs. */
const cli = (args: string[], env: NodeJS.ProcessEnv) =>
  run(process.execPath, [bundledEntry("cli"), ...args], { cwd: serverDir, env });

forEachDatabase((database) => {
  describe("tenants without the admin API", () => {
    let data: BackendData;
    let server: RunningServer;
    /** The CLI's environment: the server's DATA_DIR and database. */
    let env: NodeJS.ProcessEnv;
    beforeAll(async () => {
      data = await createBackendData(database);
      env = { ...process.env, ...data.env };
      // No ADMIN_TOKEN: the admin API is off and the CLI is how tenants are made.
      server = await startServer(readConfig({ PORT: "0", ...data.env }));
    });
    afterAll(async () => {
      await server.close();
      await data.remove();
    });

    test("POST /v1/admin/tenants answers 404 ADMIN_API_DISABLED when ADMIN_TOKEN is unset", async () => {
      const res = await fetch(`${server.url}/v1/admin/tenants`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: '{"name":"x"}',
      });
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("ADMIN_API_DISABLED");
    });

    test("`cli tenant create --name` prints the secrets once; the running server accepts the connection key", async () => {
      const { stdout } = await cli(["tenant", "create", "--name", "CLI株式会社"], env);
      const created = JSON.parse(stdout) as {
        tenantId: string;
        connectionKey: string;
        serviceToken: string;
        webhookSecret: string;
      };
      expect(created.connectionKey).toMatch(/^fa_ck_/);
      const status = await fetch(`${server.url}/v1/kintone/status`, {
        headers: { authorization: `Bearer ${created.connectionKey}` },
      });
      expect(status.status).toBe(200);
      const customers = await fetch(`${server.url}/v1/customers`, {
        headers: { authorization: `Bearer ${created.serviceToken}` },
      });
      expect(customers.status).toBe(200);
    });

    test("`cli tenant create` without a name → exit 2 with the usage", async () => {
      const error = await cli(["tenant", "create"], env).catch((e: { code: number; stderr: string }) => e);
      expect(error).toMatchObject({ code: 2 });
      expect((error as { stderr: string }).stderr).toMatch(/--name/);
    });

    test("`cli tenant create` with another SECRET_KEY than the database's → exit 2, no tenant made", async () => {
      const other = Buffer.alloc(32, 7).toString("base64");
      const error = await cli(["tenant", "create", "--name", "X"], { ...env, SECRET_KEY: other }).catch(
        (e: { code: number; stderr: string; stdout: string }) => e,
      );
      expect(error).toMatchObject({ code: 2, stdout: "" });
      expect((error as { stderr: string }).stderr).toMatch(/^SECRET_KEY is not the key this database/);
    });
  });
});

// From SQLite to PostgreSQL: on both by nature.
describe("`cli database copy`: from SQLite to PostgreSQL", () => {
  /** The DATA_DIR of the refusals, which must open nothing. */
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), "fa-cli-"));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test("the server started on the copy serves the tenant made on SQLite, with the same key; the password is never printed", async () => {
    const source = await createBackendData("sqlite");
    const database = await createTestDatabase();
    // The test server trusts the loopback, so any password connects; one is set to see that none is printed.
    const target = new URL(database.url);
    if (target.password === "") target.password = "pw-never-printed-4711";
    const password = decodeURIComponent(target.password);
    const url = target.toString();
    // DATABASE_URL empty: the source is the SQLite file under DATA_DIR, its key the generated secret.key.
    const env = { ...process.env, ...source.env, SECRET_KEY: "" };
    try {
      const created = JSON.parse((await cli(["tenant", "create", "--name", "移行株式会社"], env)).stdout) as {
        connectionKey: string;
        serviceToken: string;
      };

      const copy = await cli(["database", "copy", "--to", url], env);
      expect(JSON.parse(copy.stdout)).toMatchObject({
        copied: { tenants: 1, key_check: 1, customers: 0 },
        target: redactUrl(url),
      });
      expect(copy.stdout + copy.stderr).not.toContain(password);

      // A second copy would merge: refused with exit 2, Japanese then English, nothing on stdout.
      const again = await cli(["database", "copy", "--to", url], env).catch(
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
      expect(again).toMatchObject({ code: 2, stdout: "" });
      const refused = { database: redactUrl(url), table: "tenants" };
      expect((again as { stderr: string }).stderr.trim().split("\n")).toEqual([
        formatMessage("COPY_TARGET_NOT_EMPTY", "ja", refused),
        formatMessage("COPY_TARGET_NOT_EMPTY", "en", refused),
      ]);
      expect((again as { stderr: string }).stderr).not.toContain(password);

      const port = await freePort();
      const backend = await startBackend(port, source, { DATABASE_URL: url, SECRET_KEY: "" });
      try {
        const status = await fetch(`http://127.0.0.1:${port}/v1/kintone/status`, {
          headers: { authorization: `Bearer ${created.connectionKey}` },
        });
        expect(status.status).toBe(200);
        const customers = await fetch(`http://127.0.0.1:${port}/v1/customers`, {
          headers: { authorization: `Bearer ${created.serviceToken}` },
        });
        expect(customers.status).toBe(200);
      } finally {
        await kill(backend);
      }
    } finally {
      await database.drop();
      await source.remove();
    }
  }, 60_000);

  test.each([
    [
      "DATABASE_URL is set: the source is not SQLite",
      "postgres://u:other-pw@127.0.0.1:1/y",
      "postgres://u:secret-pw@127.0.0.1:1/x",
      "COPY_SOURCE_NOT_SQLITE",
      { database: "postgres://u:***@127.0.0.1:1/y" },
    ],
    [
      "--to is not PostgreSQL",
      "",
      "mysql://u:secret-pw@127.0.0.1/x",
      "COPY_TARGET_NOT_POSTGRES",
      { scheme: "mysql:" },
    ],
  ] as const)(
    "refused before anything is opened when %s: exit 2, Japanese then English, no password",
    async (_case, databaseUrl, to, code, params) => {
      const error = await cli(["database", "copy", "--to", to], {
        ...process.env,
        DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
      }).catch((e: { code: number; stdout: string; stderr: string }) => e);
      expect(error).toMatchObject({ code: 2, stdout: "" });
      const { stderr } = error as { stderr: string };
      expect(stderr.trim().split("\n")).toEqual([
        formatCode(code, "ja", params),
        formatCode(code, "en", params),
      ]);
      expect(stderr).not.toMatch(/secret-pw|other-pw/);
    },
  );

  test("no front-agent.sqlite under DATA_DIR: refused with exit 2, and no key file or database made there", async () => {
    const empty = mkdtempSync(join(tmpdir(), "fa-cli-copy-empty-"));
    try {
      const error = await cli(["database", "copy", "--to", "postgres://u:pw@127.0.0.1:1/x"], {
        ...process.env,
        DATA_DIR: empty,
        DATABASE_URL: "",
        SECRET_KEY: "",
      }).catch((e: { code: number; stdout: string; stderr: string }) => e);
      expect(error).toMatchObject({ code: 2, stdout: "" });
      expect((error as { stderr: string }).stderr).toContain(
        formatMessage("COPY_SOURCE_MISSING", "en", { path: join(empty, "front-agent.sqlite") }),
      );
      expect(readdirSync(empty)).toEqual([]);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
