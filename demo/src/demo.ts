import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, templateSeed } from "@front-agent/kintone-emulator";
import { buildContents } from "@front-agent/kintone-plugin/harness/build-contents.ts";
import { startKintonePages } from "@front-agent/kintone-plugin/harness/kintone-pages.ts";
import { readConfig } from "@front-agent/server/src/config.ts";
import { startServer } from "@front-agent/server/src/server.ts";
import { demoRoutes } from "./demo-routes.ts";

export interface DemoOptions {
  /** The demo page's port (0: any free one). */
  port: number;
  /** Sample customers in the customer app. */
  customers?: number;
}

export interface RunningDemo {
  url: string;
  close(): Promise<void>;
}

/** A tenant's secrets, as the operator would hand them out. */
export interface DemoTenant {
  connectionKey: string;
  serviceToken: string;
  webhookSecret: string;
}

/**
 * Everything on one machine: the kintone emulator with the two template apps and sample customers, the
 * backend (SQLite in a temporary folder) with a demo tenant, and kintone-shaped pages around the real
 * plug-in — the same harness the browser tests use — plus the demo's own page.
 */
export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  const emulator = await startEmulator({ seed: templateSeed({ customers: options.customers ?? 120 }) });
  const dataDir = mkdtempSync(join(tmpdir(), "fa-demo-"));
  const adminToken = randomBytes(24).toString("base64url");
  const backend = await startServer(
    readConfig({
      PORT: "0",
      DATA_DIR: dataDir,
      ADMIN_TOKEN: adminToken,
      KINTONE_ALLOWED_ORIGINS: "http://localhost:*",
    }),
  );
  const created = await fetch(`${backend.url}/v1/admin/tenants`, {
    method: "POST",
    headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
    body: JSON.stringify({ name: "デモ株式会社" }),
  });
  if (created.status !== 201) throw new Error(`the demo tenant was not created: ${await created.text()}`);
  const tenant = (await created.json()) as DemoTenant;
  // Front Agent registers its users; the config screen then maps them to kintone users by e-mail.
  for (const [id, name, email] of [
    ["u-yamada", "山田 太郎", "yamada@example.co.jp"],
    ["u-sato", "佐藤 花子", "sato@example.co.jp"],
  ]) {
    await fetch(`${backend.url}/v1/users/${id}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${tenant.serviceToken}`, "content-type": "application/json" },
      body: JSON.stringify({ name, email }),
    });
  }
  const contents = await buildContents();
  const apps = emulator.seed?.apps ?? {};
  const customer = { appId: apps.customer?.appId ?? "", token: apps.customer?.tokens[0] ?? "" };
  const activity = { appId: apps.activity?.appId ?? "", token: apps.activity?.tokens[0] ?? "" };
  const routes = demoRoutes({
    emulatorUrl: emulator.url,
    backendUrl: backend.url,
    tenant,
    customer,
    activity,
  });
  const pages = await startKintonePages({
    emulatorUrl: emulator.url,
    login: { code: "admin", password: "admin-pass" },
    language: "ja",
    pluginId: "frontagentdemo",
    appId: customer.appId,
    contentsDir: contents,
    port: options.port,
    extra: (req, res, url) => routes.handle(req, res, url, pages.url),
  });
  return {
    url: `${pages.url}/`,
    async close() {
      await pages.close();
      await backend.close();
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(contents, { recursive: true, force: true });
    },
  };
}
