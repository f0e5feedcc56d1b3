import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  EmulatorClient,
  type RunningEmulator,
  startEmulator,
  templateSeed,
} from "@front-agent/kintone-emulator";
import { readConfig } from "@front-agent/server/src/config.ts";
import { type RunningServer, startServer } from "@front-agent/server/src/server.ts";
import type { Browser } from "playwright-core";
import { buildContents } from "../../harness/build-contents.ts";
import { launchChromium } from "../../harness/chromium.ts";
import {
  type KintonePages,
  type KintonePagesOptions,
  startKintonePages,
} from "../../harness/kintone-pages.ts";

export const pluginDir = join(import.meta.dirname, "../..");
/** Screenshots of each screen, for people to look at (ignored by git). */
export const screenshotDir = join(pluginDir, ".screenshots");
/**
 * Where the parts of screens shown in the guides go: `.screenshots` by default, `docs/images` when
 * `pnpm screenshots` retakes them (GUIDE_IMAGES), so the guides show what the screens show.
 */
export const guideImageDir = process.env.GUIDE_IMAGES ? resolve(process.env.GUIDE_IMAGES) : screenshotDir;

export interface Stack {
  emulator: RunningEmulator;
  kintone: EmulatorClient;
  backend: RunningServer;
  tenant: { connectionKey: string; serviceToken: string; webhookSecret: string };
  apps: { customer: { appId: string; token: string }; activity: { appId: string; token: string } };
  close(): Promise<void>;
}

const ADMIN_TOKEN = "browser-test-admin-token-0123456789";

/** The kintone emulator and the real backend (SQLite in a temporary folder) with one tenant. */
export async function startStack(): Promise<Stack> {
  mkdirSync(screenshotDir, { recursive: true });
  mkdirSync(guideImageDir, { recursive: true });
  const emulator = await startEmulator({ seed: templateSeed({ customers: 40 }) });
  const dataDir = mkdtempSync(join(tmpdir(), "fa-plugin-browser-"));
  const backend = await startServer(
    readConfig({
      PORT: "0",
      DATA_DIR: dataDir,
      ADMIN_TOKEN,
      KINTONE_ALLOWED_ORIGINS: "http://localhost:*",
    }),
  );
  const created = await fetch(`${backend.url}/v1/admin/tenants`, {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ name: "ブラウザテスト株式会社" }),
  });
  if (created.status !== 201) throw new Error(`tenant not created: ${await created.text()}`);
  const seeded = emulator.seed?.apps ?? {};
  return {
    emulator,
    kintone: new EmulatorClient(emulator.url),
    backend,
    tenant: (await created.json()) as Stack["tenant"],
    apps: {
      customer: { appId: seeded.customer?.appId ?? "", token: seeded.customer?.tokens[0] ?? "" },
      activity: { appId: seeded.activity?.appId ?? "", token: seeded.activity?.tokens[0] ?? "" },
    },
    async close() {
      await backend.close();
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface BrowserStack {
  stack: Stack;
  /** kintone's pages around the plug-in, built from this checkout, logged in as the administrator. */
  pages: KintonePages;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * What each browser test starts: the stack and the plug-in's build side by side, kintone's pages (in
 * Japanese, on the customer app) serving that build as `pluginId`, and a Chromium.
 */
export async function startBrowserStack(
  options: Pick<KintonePagesOptions, "pluginId" | "css">,
): Promise<BrowserStack> {
  const [stack, contents] = await Promise.all([startStack(), buildContents()]);
  let pages: KintonePages | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await pages?.close();
    await stack.close();
    rmSync(contents, { recursive: true, force: true });
  };
  try {
    pages = await startKintonePages({
      emulatorUrl: stack.emulator.url,
      login: { code: "admin", password: "admin-pass" },
      language: "ja",
      appId: stack.apps.customer.appId,
      contentsDir: contents,
      ...options,
    });
    browser = await launchChromium();
    return { stack, pages, browser, close };
  } catch (error) {
    // What did start is stopped here: the test's afterAll has nothing to close.
    await close();
    throw error;
  }
}

/** A customer the first import linked to a customer-app record (other than `except`), as Front Agent reads it. */
export async function linkedCustomer(
  stack: Stack,
  except?: string,
): Promise<{ id: string; recordId: string }> {
  const answer = await fetch(`${stack.backend.url}/v1/customers?limit=500`, {
    headers: { authorization: `Bearer ${stack.tenant.serviceToken}` },
  });
  const { customers } = (await answer.json()) as {
    customers: Array<{ id: string; kintone: { recordId: string } | null }>;
  };
  for (const { id, kintone } of customers)
    if (kintone && kintone.recordId !== except) return { id, recordId: kintone.recordId };
  throw new Error("no customer linked to a customer-app record");
}
