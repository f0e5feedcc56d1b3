import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll } from "vitest";
import { bundleBackend } from "./bundled-backend.ts";
import { type BackendData, eventually } from "./harness.ts";

const serverDir = fileURLToPath(new URL("..", import.meta.url));
export const CHILD_ADMIN_TOKEN = "child-admin-token-0123456789";

export { freePort } from "./free-port.ts";

let bundle: Awaited<ReturnType<typeof bundleBackend>> | undefined;

/**
 * Bundles the backend before the file's tests (bundled-backend.ts) and removes the bundle after them: a
 * file that calls startBackend calls this once, at its top. A start of the bundle takes ~0.6 s where the
 * tsx loader took ~2.2 s, and the tests that kill and restart the backend start it many times.
 */
export function useBackendBundle(): void {
  beforeAll(async () => {
    bundle = await bundleBackend();
  });
  afterAll(() => {
    bundle?.remove();
    bundle = undefined;
  });
}

/** An entry of the bundle useBackendBundle built: the backend (`main`) or its CLI (`cli`). */
export function bundledEntry(entry: "main" | "cli"): string {
  if (!bundle) throw new Error("call useBackendBundle() at the top of the test file");
  return join(dirname(bundle.main), `${entry}.mjs`);
}

/**
 * The backend as its own process on `data` (its DATA_DIR, and its PostgreSQL database if it has one), so a
 * test can kill it with SIGKILL: `node main.mjs` of the bundle, as `pnpm start` runs it (useBackendBundle).
 */
export async function startBackend(
  port: number,
  data: BackendData,
  env: Record<string, string> = {},
): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ["--enable-source-maps", bundledEntry("main")], {
    cwd: serverDir,
    env: {
      ...process.env,
      PORT: String(port),
      ...data.env,
      ADMIN_TOKEN: CHILD_ADMIN_TOKEN,
      KINTONE_ALLOWED_ORIGINS: "http://localhost:*",
      JOB_LEASE_MS: "600",
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  await eventually(
    async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.ok || undefined,
    30_000,
    "backend up",
  );
  return proc;
}

export async function kill(proc: ChildProcess): Promise<void> {
  proc.kill("SIGKILL");
  if (proc.exitCode === null && proc.signalCode === null) await once(proc, "exit");
}
