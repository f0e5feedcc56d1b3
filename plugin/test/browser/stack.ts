import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import {
  EmulatorClient,
  type RunningEmulator,
  startEmulator,
  templateSeed,
} from "@front-agent/kintone-emulator";
import { readConfig } from "@front-agent/server/src/config.ts";
import { type RunningServer, startServer } from "@front-agent/server/src/server.ts";
import { type Browser, chromium } from "playwright-core";
import { assembleContents } from "../../scripts/contents.ts";

export const pluginDir = join(import.meta.dirname, "../..");
/** Screenshots of each screen, for people to look at (ignored by git). */
export const screenshotDir = join(pluginDir, ".screenshots");

const CHROMIUM = "/usr/bin/chromium";

/**
 * Builds the plug-in's contents as `pnpm build` does (one IIFE per entry, static/ beside js/), into a
 * folder of this test's own so a build running at the same time cannot change them underneath it.
 */
export async function buildPlugin(): Promise<string> {
  const vite = join(pluginDir, "node_modules/vite/bin/vite.js");
  const contents = mkdtempSync(join(tmpdir(), "fa-plugin-contents-"));
  for (const entry of ["config", "desktop"]) {
    await promisify(execFile)(
      process.execPath,
      [vite, "build", "--logLevel", "error", "--outDir", join(contents, "js"), "--emptyOutDir", "false"],
      { cwd: pluginDir, env: { ...process.env, ENTRY: entry } },
    );
  }
  assembleContents(join(pluginDir, "static"), contents);
  return contents;
}

/** Debian's chromium, driven by playwright-core (no browser download; `.ci/run` installs it). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install it with "apt-get install -y chromium" (.ci/run does)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

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
