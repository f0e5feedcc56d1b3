import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { eventually } from "./harness.ts";

const serverDir = fileURLToPath(new URL("..", import.meta.url));
export const CHILD_ADMIN_TOKEN = "child-admin-token-0123456789";

export async function freePort(): Promise<number> {
  const s = createServer().listen(0, "127.0.0.1");
  await once(s, "listening");
  const address = s.address();
  s.close();
  return typeof address === "object" && address ? address.port : 0;
}

/**
 * The backend as its own process, so a test can kill it with SIGKILL. Started as `node --import tsx`,
 * not the tsx CLI: the CLI runs the program in a child that a SIGKILL of the CLI would leave serving.
 */
export async function startBackend(
  port: number,
  dataDir: string,
  env: Record<string, string> = {},
): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: serverDir,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      ADMIN_TOKEN: CHILD_ADMIN_TOKEN,
      KINTONE_ALLOWED_ORIGINS: "http://localhost:*",
      JOB_LEASE_MS: "600",
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  await eventually(
    async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.ok || undefined,
    20_000,
    "backend up",
  );
  return proc;
}

export async function kill(proc: ChildProcess): Promise<void> {
  proc.kill("SIGKILL");
  if (proc.exitCode === null && proc.signalCode === null) await once(proc, "exit");
}
