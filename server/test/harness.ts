import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  EmulatorClient,
  type RunningEmulator,
  type SeedApp,
  type SeedSpec,
  startEmulator,
  templateSeed,
} from "@front-agent/kintone-emulator";
import { type ImportRun, statusSchema, templateSettingsBody } from "@front-agent/shared";
import { readConfig } from "../src/config.ts";
import { type RunningServer, type StartOptions, startServer } from "../src/server.ts";
import type { StorageKind } from "../src/storage/testing.ts";
import { createTestDatabase } from "./postgres.ts";

/** HTTP tests declare a suite on both databases as the service tests do: `forEachDatabase((database) => …)`. */
export { forEachDatabase } from "../src/storage/testing.ts";

export const ADMIN_TOKEN = "test-admin-token-0123456789";

export interface Harness {
  emulator: RunningEmulator;
  kintone: EmulatorClient;
  server: RunningServer;
  /** Where the backend keeps its data: DATA_DIR, and the PostgreSQL database with `database: "postgres"`. */
  data: BackendData;
  tenant: { tenantId: string; connectionKey: string; serviceToken: string; webhookSecret: string };
  apps: { customer: { appId: string; token: string }; activity: { appId: string; token: string } };
  api(method: string, path: string, options?: ApiCall): Promise<ApiAnswer>;
  settings(change?: (s: SettingsBody) => void): SettingsBody;
  /** PUT /v1/kintone/settings again with the stored tokens kept (`{set: true}`), changed by `change`. */
  resave(change?: (s: SettingsBody) => void): Promise<ApiAnswer>;
  close(): Promise<void>;
}

export interface ApiCall {
  auth?: "connection" | "service" | "admin" | "none" | string;
  body?: unknown;
  raw?: { body: string; contentType: string };
  language?: "ja" | "en";
}

export interface ApiAnswer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: answers are asserted field by field
  body: any;
  text: string;
}

// biome-ignore lint/suspicious/noExplicitAny: a settings body is edited freely by tests, then validated by the server
export type SettingsBody = any;

export interface HarnessOptions {
  seed?: SeedSpec;
  env?: Record<string, string>;
  server?: StartOptions;
  /** "postgres": the backend runs on a new database of the test PostgreSQL (DATABASE_URL). SQLite by default. */
  database?: StorageKind;
  /**
   * Run on this data (an earlier backend's: a restart on the same database) instead of new data of
   * `database`. Left in place by close(): whoever made it removes it.
   */
  data?: BackendData;
}

/**
 * Where a backend keeps its data: DATA_DIR (the SQLite file, secret.key) and, on PostgreSQL, a database of
 * its own on the test server. Every backend of a test that restarts one is given the same BackendData.
 */
export interface BackendData {
  dataDir: string;
  /** The PostgreSQL database's URL; null on SQLite. */
  databaseUrl: string | null;
  /**
   * DATA_DIR and DATABASE_URL (empty on SQLite, so a DATABASE_URL of the shell never leaks in): what a
   * backend process or readConfig needs to run on this data.
   */
  env: { DATA_DIR: string; DATABASE_URL: string };
  /** Removes DATA_DIR and drops the database. */
  remove(): Promise<void>;
}

/** New data on `database`: a new temporary DATA_DIR (or `dataDir`, which need not exist yet). */
export async function createBackendData(database: StorageKind, dataDir?: string): Promise<BackendData> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), "fa-server-"));
  const created = database === "postgres" ? await createTestDatabase() : null;
  return {
    dataDir: dir,
    databaseUrl: created?.url ?? null,
    env: { DATA_DIR: dir, DATABASE_URL: created?.url ?? "" },
    async remove() {
      await created?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A seed of these apps with the template's users, each app with one API token holding every permission:
 * for tests whose apps differ from the template's (another customer app, 姓 + 名).
 */
export function appsSeed(apps: Array<Omit<SeedApp, "tokens">>): SeedSpec {
  const all = { view: true, add: true, edit: true, delete: true, manage: true };
  return {
    users: templateSeed({ customers: 0 }).users,
    apps: apps.map((app) => ({ ...app, tokens: [{ permissions: all }] })),
  };
}

/** The kintone emulator, the real backend over HTTP on a temporary SQLite file (or PostgreSQL database), and one tenant. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const emulator = await startEmulator({ seed: options.seed ?? templateSeed({ customers: 50 }) });
  const kintone = new EmulatorClient(emulator.url);
  const data = options.data ?? (await createBackendData(options.database ?? "sqlite"));
  const config = readConfig({
    PORT: "0",
    ADMIN_TOKEN,
    KINTONE_ALLOWED_ORIGINS: "http://localhost:*",
    ...data.env,
    ...options.env,
  });
  const server = await startServer(config, options.server);
  const seeded = emulator.seed?.apps ?? {};
  const apps = {
    customer: { appId: seeded.customer?.appId ?? "", token: seeded.customer?.tokens[0] ?? "" },
    activity: { appId: seeded.activity?.appId ?? "", token: seeded.activity?.tokens[0] ?? "" },
  };

  async function api(method: string, path: string, call: ApiCall = {}): Promise<ApiAnswer> {
    const headers: Record<string, string> = {};
    const auth = call.auth ?? "connection";
    const token =
      auth === "connection"
        ? tenant?.connectionKey
        : auth === "service"
          ? tenant?.serviceToken
          : auth === "admin"
            ? ADMIN_TOKEN
            : auth === "none"
              ? undefined
              : auth;
    if (token) headers.authorization = `Bearer ${token}`;
    if (call.language) headers["accept-language"] = call.language;
    let body: string | null = null;
    if (call.raw) {
      headers["content-type"] = call.raw.contentType;
      body = call.raw.body;
    } else if (call.body !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(call.body);
    }
    const res = await fetch(`${server.url}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // text answers (metrics) stay text
    }
    return { status: res.status, body: parsed, text };
  }

  function settings(change?: (s: SettingsBody) => void): SettingsBody {
    const s: SettingsBody = templateSettingsBody({
      kintoneBaseUrl: emulator.url,
      customerApp: { appId: apps.customer.appId, apiToken: apps.customer.token },
      activityApp: { appId: apps.activity.appId, apiToken: apps.activity.token },
    });
    change?.(s);
    return s;
  }

  let tenant: Harness["tenant"] | undefined;
  const created = await api("POST", "/v1/admin/tenants", { auth: "admin", body: { name: "テスト株式会社" } });
  if (created.status !== 201) throw new Error(`tenant not created: ${created.text}`);
  tenant = created.body;

  return {
    emulator,
    kintone,
    server,
    data,
    tenant: created.body,
    apps,
    api,
    settings,
    resave(change) {
      return api("PUT", "/v1/kintone/settings", {
        body: settings((s) => {
          s.customerApp.apiToken = { set: true };
          s.activityApp.apiToken = { set: true };
          change?.(s);
        }),
      });
    },
    async close() {
      await server.close();
      await emulator.close();
      if (!options.data) await data.remove();
    },
  };
}

/**
 * Polls until `check` returns a value (not undefined), or fails after `timeoutMs` naming `what`. The
 * default is sized for a busy 2-core machine, under the project's 60 s test timeout (vitest.config.ts), so
 * a wait that never ends says what it waited for.
 */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
  what = "condition",
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The import runs GET /v1/kintone/status lists, newest first, read with the shared schema. */
async function runs(h: Harness, auth?: ApiCall["auth"]): Promise<ImportRun[]> {
  return statusSchema.parse((await h.api("GET", "/v1/kintone/status", auth ? { auth } : {})).body).runs;
}

/** The newest import run once it has succeeded: what a test waits for after a save starts the first import. */
export function newestRunSucceeded(h: Harness): Promise<ImportRun> {
  return eventually(
    async () => {
      const [newest] = await runs(h);
      return newest?.status === "succeeded" ? newest : undefined;
    },
    undefined,
    "the newest import run to succeed",
  );
}

/** The `count`th run (counting from the first) once it has ended, whether it succeeded or failed. */
export function runEnded(h: Harness, count: number, auth?: ApiCall["auth"]): Promise<ImportRun> {
  return eventually(
    async () => {
      const listed = await runs(h, auth);
      return listed.length >= count && listed[0]?.status !== "running" ? listed[0] : undefined;
    },
    undefined,
    `run #${count} to end`,
  );
}
