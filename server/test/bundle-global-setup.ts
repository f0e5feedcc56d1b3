import { rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SHARED_BUNDLE_ENV } from "./bundled-backend.ts";

/**
 * vitest globalSetup of the server project: names one folder for the backend bundle of the whole run
 * (bundled-backend.ts builds it when a test file first asks, so a run of files that spawn no backend builds
 * nothing), shared by every worker through the environment, and removes it when the run ends.
 */
export default function setup(): (() => void) | undefined {
  if (process.env[SHARED_BUNDLE_ENV]) return undefined;
  const serverDir = fileURLToPath(new URL("..", import.meta.url));
  const dir = join(serverDir, "node_modules", `.fa-test-bundle-run-${process.pid}-${Date.now()}`);
  process.env[SHARED_BUNDLE_ENV] = dir;
  return () => {
    delete process.env[SHARED_BUNDLE_ENV];
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}.lock`, { recursive: true, force: true });
  };
}
