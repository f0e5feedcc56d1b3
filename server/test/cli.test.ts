import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readConfig } from "../src/config.ts";
import { type RunningServer, startServer } from "../src/server.ts";

const run = promisify(execFile);
const serverDir = fileURLToPath(new URL("..", import.meta.url));
let dataDir: string;
let server: RunningServer;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "fa-cli-"));
  // No ADMIN_TOKEN: the admin API is off and the CLI is how tenants are made.
  server = await startServer(readConfig({ PORT: "0", DATA_DIR: dataDir }));
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("tenants without the admin API", () => {
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
    const { stdout } = await run(
      process.execPath,
      ["--import", "tsx", "src/cli.ts", "tenant", "create", "--name", "CLI株式会社"],
      {
        cwd: serverDir,
        env: { ...process.env, DATA_DIR: dataDir },
      },
    );
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
    const error = await run(process.execPath, ["--import", "tsx", "src/cli.ts", "tenant", "create"], {
      cwd: serverDir,
      env: { ...process.env, DATA_DIR: dataDir },
    }).catch((e: { code: number; stderr: string }) => e);
    expect(error).toMatchObject({ code: 2 });
    expect((error as { stderr: string }).stderr).toMatch(/--name/);
  });

  test("`cli tenant create` with another SECRET_KEY than the database's → exit 2, no tenant made", async () => {
    const other = Buffer.alloc(32, 7).toString("base64");
    const error = await run(
      process.execPath,
      ["--import", "tsx", "src/cli.ts", "tenant", "create", "--name", "X"],
      {
        cwd: serverDir,
        env: { ...process.env, DATA_DIR: dataDir, SECRET_KEY: other },
      },
    ).catch((e: { code: number; stderr: string; stdout: string }) => e);
    expect(error).toMatchObject({ code: 2, stdout: "" });
    expect((error as { stderr: string }).stderr).toMatch(/^SECRET_KEY is not the key this database/);
  });
});
