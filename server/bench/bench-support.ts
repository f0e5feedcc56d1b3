/**
 * What the export benchmarks share (export.bench.ts, accept.bench.ts): the backend bundled as `pnpm start`
 * runs it, the kintone emulator as its CLI starts it, a tenant connected to the template apps, signed
 * assist events posted over keep-alive sockets, the backend's export counts, the activity records the
 * emulator holds, and the CPU and percentile arithmetic.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import {
  customerSchema,
  type Status,
  statusSchema,
  TEMPLATE_ACTIVITY_FIELDS,
  templateSettingsBody,
  tenantCreatedSchema,
} from "@front-agent/shared";
import { signAssistBody } from "@front-agent/shared/node";
import { z } from "zod";

export const rootDir = fileURLToPath(new URL("../..", import.meta.url));
export const serverDir = fileURLToPath(new URL("..", import.meta.url));
export const ADMIN_TOKEN = "bench-admin-token-0123456789";

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The backend bundled by build.mjs (as `pnpm start` does) into a folder of its own under server/ (where
 * node_modules is found): a `pnpm start` or a test rebuilding dist/ meanwhile cannot change what is measured.
 */
export async function buildBackend(): Promise<{ main: string; remove(): void }> {
  const outdir = mkdtempSync(join(serverDir, "node_modules", ".fa-bench-bundle-"));
  await promisify(execFile)(process.execPath, ["build.mjs", outdir], { cwd: serverDir });
  return { main: join(outdir, "main.mjs"), remove: () => rmSync(outdir, { recursive: true, force: true }) };
}

import { freePort } from "../test/free-port.ts";
import { assistEvent } from "../test/process-client.ts";

export { freePort };

export interface KintoneApp {
  appId: string;
  apiToken: string;
}

export interface EmulatorProcess {
  proc: ChildProcess;
  url: string;
  customer: KintoneApp;
  activity: KintoneApp;
  /** The emulator's own API (`/__emulator/…`): stats, settings (latencyMs), faults. */
  control<T = Record<string, number>>(path: string, method?: string, body?: unknown): Promise<T>;
  /** How many records the activity app holds (one cheap totalCount read, the backend not involved). */
  activityCount(): Promise<number>;
  /** The event id of every activity record, read 500 at a time in `$id` order. */
  activityEventIds(): Promise<string[]>;
  stop(): Promise<void>;
}

/** The emulator CLI with the template apps and `customers` sample customers. */
export async function startEmulator(customers = 300): Promise<EmulatorProcess> {
  const proc = spawn(
    process.execPath,
    ["--import", "tsx", "emulator/src/cli.ts", "--seed", "template", "--customers", String(customers)],
    { cwd: rootDir, stdio: ["ignore", "pipe", "inherit"] },
  );
  const [line] = (await once(createInterface({ input: proc.stdout as NodeJS.ReadableStream }), "line")) as [
    string,
  ];
  const out = JSON.parse(line) as { url: string; apps: Record<string, KintoneApp> };
  const customer = out.apps.customer as KintoneApp;
  const activity = out.apps.activity as KintoneApp;
  const records = async (params: Record<string, unknown>) => {
    // POST with the method override: kintone's way of sending a GET whose query would not fit a URL.
    const res = await fetch(`${out.url}/k/v1/records.json`, {
      method: "POST",
      headers: {
        "X-Cybozu-API-Token": activity.apiToken,
        "X-HTTP-Method-Override": "GET",
        "content-type": "application/json",
      },
      body: JSON.stringify({ app: activity.appId, ...params }),
    });
    if (!res.ok) throw new Error(`emulator records.json: ${res.status} ${await res.text()}`);
    return (await res.json()) as {
      records: Array<Record<string, { value: unknown }>>;
      totalCount: string | null;
    };
  };
  const eventField = TEMPLATE_ACTIVITY_FIELDS.eventId;
  return {
    proc,
    url: out.url,
    customer,
    activity,
    control: async <T>(path: string, method = "GET", body?: unknown) => {
      const res = await fetch(`${out.url}/__emulator/${path}`, {
        method,
        headers: { "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return (await res.json()) as T;
    },
    activityCount: async () => Number((await records({ query: "limit 1", totalCount: true })).totalCount),
    activityEventIds: async () => {
      const ids: string[] = [];
      for (let last = 0; ; ) {
        const page = await records({
          query: `$id > ${last} order by $id asc limit 500`,
          fields: ["$id", eventField],
        });
        for (const record of page.records) {
          ids.push(String(record[eventField]?.value ?? ""));
          last = Number(record.$id?.value);
        }
        if (page.records.length < 500) return ids;
      }
    },
    stop: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      await stopProcess(proc);
    },
  };
}

export interface BackendProcess {
  proc: ChildProcess;
  /** Where it answers: the API, or for ROLE=worker /healthz and /metrics only. */
  base: string;
  /** CPU seconds it has used so far. */
  cpu(): number;
  stop(): Promise<void>;
}

/**
 * `node --max-old-space-size=192 <main>` (as `pnpm start`) on a free port with `env` on top of this
 * process's environment; resolves once /healthz answers. BENCH_PROFILE=dir writes a CPU profile of it
 * (and of its jobs thread) into dir when it stops.
 */
export async function startBackend(main: string, env: Record<string, string>): Promise<BackendProcess> {
  const port = await freePort();
  const proc = spawn(
    process.execPath,
    [
      "--max-old-space-size=192",
      ...(process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []),
      main,
    ],
    {
      cwd: serverDir,
      env: {
        ...process.env,
        ADMIN_TOKEN,
        KINTONE_ALLOWED_ORIGINS: "http://localhost:*",
        ...env,
        PORT: String(port),
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let stopping = false;
  // Its log lines (JSON on stdout): errors (a job failed, the jobs thread stopped) are shown, not the rest.
  createInterface({ input: proc.stdout as NodeJS.ReadableStream }).on("line", (line) => {
    if (line.includes('"level":"error"')) console.error(`  backend ${env.ROLE ?? "all"}: ${line}`);
  });
  proc.once("exit", (code, signal) => {
    if (!stopping)
      console.error(`  backend ${env.ROLE ?? "all"} exited unasked: code ${code}, signal ${signal}`);
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if ((await fetch(`${base}/healthz`).catch(() => null))?.ok) break;
    if (proc.exitCode !== null) throw new Error(`backend exited with code ${proc.exitCode}`);
    if (i > 400) throw new Error("backend did not start");
    await sleep(50);
  }
  return {
    proc,
    base,
    cpu: () => cpuSeconds(proc.pid),
    stop: async () => {
      stopping = true;
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      await stopProcess(proc);
    },
  };
}

/** How long a process asked to stop (SIGTERM) may take before it is killed. */
const STOP_GRACE_MS = 10_000;

/**
 * SIGTERM, then SIGKILL when the process has not exited within STOP_GRACE_MS: a backend whose shutdown
 * hangs must not hold the benchmark (and the run's processes) forever.
 */
async function stopProcess(proc: ChildProcess): Promise<void> {
  const exited = once(proc, "exit");
  proc.kill("SIGTERM");
  const timer = setTimeout(() => {
    console.error(`  pid ${proc.pid} did not stop within ${STOP_GRACE_MS / 1000} s of SIGTERM: killed`);
    proc.kill("SIGKILL");
  }, STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

/** A JSON call to the backend's API (fetch: for the few calls around a measurement, not the events). */
export async function call(
  base: string,
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.json() };
}

/** GET /v1/kintone/status, read with the shared schema the route answers with. */
export async function kintoneStatus(base: string, connectionKey: string): Promise<Status> {
  return statusSchema.parse((await call(base, "GET", "/v1/kintone/status", connectionKey)).body);
}

/** A page of GET /v1/customers, read with the shared Customer schema. */
export const customerPageSchema = z.object({
  customers: z.array(customerSchema),
  nextCursor: z.string().nullable(),
});

export interface Tenant {
  base: string;
  connectionKey: string;
  serviceToken: string;
  webhookSecret: string;
}

/**
 * A tenant created through the admin API and connected to the emulator's template apps (the user `u-1`
 * mapped to yamada); resolves when its first import has succeeded, with the FA customers it linked.
 */
export async function connectedTenant(
  base: string,
  name: string,
  emulator: Pick<EmulatorProcess, "url" | "customer" | "activity">,
): Promise<{ tenant: Tenant; linked: string[] }> {
  const created = await call(base, "POST", "/v1/admin/tenants", ADMIN_TOKEN, { name });
  if (created.status !== 201 && created.status !== 200)
    throw new Error(`tenant refused: ${created.status} ${JSON.stringify(created.body)}`);
  const tenant = { base, ...tenantCreatedSchema.parse(created.body) };
  const settings = {
    ...templateSettingsBody({
      kintoneBaseUrl: emulator.url,
      customerApp: emulator.customer,
      activityApp: emulator.activity,
    }),
    userMappings: [{ frontAgentUserId: "u-1", kintoneUserCode: "yamada" }],
  };
  const saved = await call(base, "PUT", "/v1/kintone/settings", tenant.connectionKey, settings);
  if (saved.status !== 200)
    throw new Error(`settings refused: ${saved.status} ${JSON.stringify(saved.body)}`);
  for (let i = 0; ; i++) {
    const { runs } = await kintoneStatus(base, tenant.connectionKey);
    if (runs[0]?.status === "succeeded") break;
    if (runs[0]?.status === "failed") throw new Error("the first import failed");
    if (i > 600) throw new Error("the first import did not finish in a minute");
    await sleep(100);
  }
  // Events for customers the first import linked: the common case of Front Agent naming a known customer.
  const directory = customerPageSchema.parse(
    (await call(base, "GET", "/v1/customers?limit=500", tenant.serviceToken)).body,
  );
  return { tenant, linked: directory.customers.filter((c) => c.kintone).map((c) => c.id) };
}

/** The tenant's exports by status (GET /v1/kintone/status). */
export async function exportCounts(tenant: Tenant): Promise<Status["exports"]> {
  return (await kintoneStatus(tenant.base, tenant.connectionKey)).exports;
}

/** Exports with an outcome (written, failed, skipped, 要確認): what "all written" waits for. */
export const settled = (counts: Status["exports"]) =>
  (counts.written ?? 0) + (counts.failed ?? 0) + (counts.skipped ?? 0) + (counts.needsReview ?? 0);

/** Waits until none of the tenants' exports is queued and `total` have an outcome. */
export async function waitAllSettled(tenants: Tenant[], total: number, pollMs = 100): Promise<void> {
  for (;;) {
    let queued = 0;
    let done = 0;
    for (const tenant of tenants) {
      const counts = await exportCounts(tenant);
      queued += counts.queued ?? 0;
      done += settled(counts);
    }
    if (queued === 0 && done >= total) return;
    await sleep(pollMs);
  }
}

/**
 * Exports finished by these backend processes, by status (`fa_exports_total` of their /metrics; the jobs
 * thread's counts are on its process's). Cheap to ask often: no database query, no kintone request.
 */
export async function finishedExports(processes: Array<Pick<BackendProcess, "base">>): Promise<{
  written: number;
  finished: number;
}> {
  let written = 0;
  let finished = 0;
  for (const { base } of processes) {
    const text = await (await fetch(`${base}/metrics`)).text();
    for (const match of text.matchAll(/^fa_exports_total\{status="([a-z_]+)"\} (\d+)$/gm)) {
      const n = Number(match[2]);
      finished += n;
      if (match[1] === "written") written += n;
    }
  }
  return { written, finished };
}

/** One assist event as Front Agent sends it, for a known customer (`customerId`) of the tenant. */
export function assistEventBody(eventId: string, customerId: string | null, i: number): string {
  return JSON.stringify({
    ...assistEvent(i, { id: customerId, name: "佐藤 太郎", company: "" }),
    eventId,
    // Minutes of a realistic length: the body is what the export writes.
    minutes: { summary: "要約", body: "議事録の本文。".repeat(20) },
  });
}

/**
 * Posts signed assist events over node:http with keep-alive sockets, not fetch(): on these 2-core machines
 * undici's fetch costs the client about 0.6 ms of CPU per request, so the client, not the backend, set the
 * pace (a plain Hono "hello" answered only ~2,300 requests/s to fetch, ~5,000/s to node:http).
 */
export class EventPoster {
  private readonly agent: Agent;

  /** `maxSockets`: connections at most; more requests wait for one (the time counts in their latency). */
  constructor(maxSockets = Number.POSITIVE_INFINITY) {
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  post(tenant: Tenant, raw: string): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const body = Buffer.from(raw);
      const req = request(
        `${tenant.base}/v1/events/assist`,
        {
          method: "POST",
          agent: this.agent,
          headers: {
            authorization: `Bearer ${tenant.serviceToken}`,
            "content-type": "application/json",
            "content-length": body.length,
            "x-fa-signature": signAssistBody(tenant.webhookSecret, raw, Math.floor(Date.now() / 1000)),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
          );
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  }

  destroy(): void {
    this.agent.destroy();
  }
}

/** CPU seconds a process has used (Linux /proc), to tell whose core a phase waits on. */
export function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** This process's CPU seconds so far. */
export function ownCpuSeconds(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1e6;
}

export const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? Number.NaN;

export const met = (ok: boolean) => (ok ? "MET" : "NOT MET");
