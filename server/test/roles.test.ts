// Issue 14: the same build runs as everything (ROLE=all, the jobs in a worker thread off the HTTP loop), as
// a web process (the API, no jobs) or as a worker process (jobs and scheduler; health and metrics only).
// On SQLite here: roles also work on one machine's file, and the PostgreSQL side is multi-process.test.ts.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type RunningEmulator, startEmulator, templateSeed } from "@front-agent/kintone-emulator";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type BackendProcess, bundleBackend, killBackends, spawnBackend } from "./bundled-backend.ts";
import { freePort } from "./child-backend.ts";
import { eventually } from "./harness.ts";
import {
  assistEvent,
  createTenant,
  exportStatus,
  type ProcessTenant,
  saveTemplateSettings,
  sendAssistEvent,
} from "./process-client.ts";

const ADMIN = "roles-admin-token-0123456789";
let emulator: RunningEmulator;
let bundle: { main: string; remove(): void };
const dirs: string[] = [];

beforeAll(async () => {
  [emulator, bundle] = await Promise.all([
    startEmulator({ seed: templateSeed({ customers: 20, spreadDays: 10 }) }),
    bundleBackend(),
  ]);
});
afterAll(async () => {
  killBackends();
  await emulator?.close();
  bundle?.remove();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "fa-roles-"));
  dirs.push(dir);
  return dir;
}

async function start(env: Record<string, string>): Promise<{ process: BackendProcess; base: string }> {
  const port = await freePort();
  const process = spawnBackend(bundle.main, {
    PORT: String(port),
    ADMIN_TOKEN: ADMIN,
    KINTONE_ALLOWED_ORIGINS: "http://localhost:*",
    ...env,
  });
  await process.line((line) => line.msg === "listening");
  return { process, base: `http://127.0.0.1:${port}` };
}

async function tenantWithSettings(base: string): Promise<ProcessTenant> {
  const tenant = await createTenant(base, ADMIN, "役割");
  expect(await saveTemplateSettings(base, tenant, emulator)).toBe(200);
  return tenant;
}

const newCustomer = (i: number) => ({ id: null, name: `役割 ${i}`, company: `役割商事${i}` });

test("ROLE=all (the default): the jobs thread writes the minutes, /metrics counts them, SIGTERM ends both", async () => {
  const all = await start({ DATA_DIR: dataDir() });
  expect(all.process.lines.find((l) => l.msg === "listening")).toMatchObject({ role: "all" });
  const tenant = await tenantWithSettings(all.base);
  const accepted = await sendAssistEvent(all.base, tenant, assistEvent(1, newCustomer(1), "all"));
  expect(accepted.status).toBe(202);
  const { exportId } = (await accepted.json()) as { exportId: string };
  await eventually(
    async () => ((await exportStatus(all.base, tenant, exportId)) === "written" ? true : undefined),
    30_000,
    "the export written",
  );
  // Counted in the jobs thread, shown by the HTTP thread (the thread sends its counts every 100 ms).
  const metrics = await eventually(
    async () => {
      const text = await (await fetch(`${all.base}/metrics`)).text();
      return /^fa_exports_total\{status="written"\} \d+$/m.test(text) ? text : undefined;
    },
    10_000,
    "the export counted in /metrics",
  );
  expect(metrics).toMatch(/^fa_exports_total\{status="written"\} 1$/m);
  all.process.proc.kill("SIGTERM");
  expect(await all.process.exited).toEqual({ code: 0, signal: null });
  expect(all.process.lines.at(-1)).toMatchObject({ msg: "stopped", signal: "SIGTERM" });
});

test("ROLE=web takes events but writes nothing; a ROLE=worker process on the same data writes them", async () => {
  const dir = dataDir();
  const web = await start({ DATA_DIR: dir, ROLE: "web" });
  const tenant = await tenantWithSettings(web.base);
  const accepted = await sendAssistEvent(web.base, tenant, assistEvent(2, newCustomer(2), "split"));
  expect(accepted.status).toBe(202);
  const { exportId } = (await accepted.json()) as { exportId: string };
  // No job runs in a web process: the first import and the export wait.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(await exportStatus(web.base, tenant, exportId)).toBe("queued");

  const worker = await start({ DATA_DIR: dir, ROLE: "worker" });
  expect(worker.process.lines.find((l) => l.msg === "listening")).toMatchObject({ role: "worker" });
  await eventually(
    async () => ((await exportStatus(web.base, tenant, exportId)) === "written" ? true : undefined),
    30_000,
    "the worker to write the export",
  );
  // A worker answers health and metrics, and no API.
  expect(await (await fetch(`${worker.base}/healthz`)).json()).toEqual({ status: "ok" });
  expect(await (await fetch(`${worker.base}/metrics`)).text()).toMatch(
    /fa_exports_total\{status="written"\} 1/,
  );
  const api = await fetch(`${worker.base}/v1/exports/${exportId}`, {
    headers: { authorization: `Bearer ${tenant.serviceToken}` },
  });
  expect(api.status).toBe(404);
  expect(((await api.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
  for (const p of [web, worker]) {
    p.process.proc.kill("SIGTERM");
    expect(await p.process.exited).toEqual({ code: 0, signal: null });
  }
});

test("ROLE that is not a role: exit 2 with CONFIG_ROLE_INVALID, in Japanese and English in the catalogue", async () => {
  const bad = spawnBackend(bundle.main, { PORT: "0", DATA_DIR: dataDir(), ROLE: "scheduler" });
  expect(await bad.exited).toEqual({ code: 2, signal: null });
  expect(bad.lines).toEqual([
    expect.objectContaining({
      level: "error",
      code: "CONFIG_ROLE_INVALID",
      msg: expect.stringContaining('"scheduler"'),
    }),
  ]);
});

// The one test that starts the backend through tsx, because that path is what it tests: tsx compiles the
// sources and the jobs thread's on start (~3 s idle, several times that on a busy 2-core machine).
test("from the TypeScript sources (node --import tsx src/main.ts) the jobs thread starts too", {
  timeout: 120_000,
}, async () => {
  const serverDir = fileURLToPath(new URL("..", import.meta.url));
  const proc = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: serverDir,
    env: { PATH: process.env.PATH ?? "", PORT: "0", DATA_DIR: dataDir() },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    out += chunk;
  });
  // "listening" is logged only after the jobs thread said it is ready.
  await eventually(async () => (out.includes('"msg":"listening"') ? true : undefined), 90_000, "listening");
  proc.kill("SIGTERM");
  const code = await new Promise<number | null>((resolve) =>
    proc.once("exit", (exitCode) => resolve(exitCode)),
  );
  expect(code).toBe(0);
  expect(out).toContain('"role":"all"');
});
