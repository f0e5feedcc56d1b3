// Issue 14 "a test of the whole": 2 web + 2 worker processes (the bundle, as operators run it) on one
// PostgreSQL; 2,000 signed events spread over both web processes; one worker killed with SIGKILL half-way.
// In the end every event is written exactly once in kintone, the new customers several events name are
// registered once each, the tenant's kintone concurrency limit held across the processes, and every import
// run finished once.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  EmulatorClient,
  type RunningEmulator,
  startEmulator,
  templateSeed,
} from "@front-agent/kintone-emulator";
import { TEMPLATE_ACTIVITY_FIELDS } from "@front-agent/shared";
import pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type BackendProcess, bundleBackend, killBackends, spawnBackend } from "./bundled-backend.ts";
import { freePort } from "./child-backend.ts";
import { eventually } from "./harness.ts";
import { createTestDatabase, type TestDatabase } from "./postgres.ts";
import {
  assistEvent,
  createTenant,
  saveTemplateSettings,
  sendAssistEvent,
  templateApps,
} from "./process-client.ts";

const EVENTS = 2000;
/** Events that name customers nobody has yet: several events each, so two workers may race to register. */
const NEW_CUSTOMERS = 5;
const ADMIN = "multi-process-admin-token-0123";

let emulator: RunningEmulator;
let control: EmulatorClient;
let database: TestDatabase;
let bundle: { main: string; remove(): void };
const dataDirs: string[] = [];

beforeAll(async () => {
  [emulator, database, bundle] = await Promise.all([
    startEmulator({ seed: templateSeed({ customers: 200, spreadDays: 10 }) }),
    createTestDatabase(),
    bundleBackend(),
  ]);
  control = new EmulatorClient(emulator.url);
});
afterAll(async () => {
  killBackends();
  await emulator?.close();
  await database?.drop();
  bundle?.remove();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

interface Started {
  process: BackendProcess;
  base: string;
}

async function start(role: "web" | "worker", secretKey: string): Promise<Started> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), `fa-${role}-`));
  dataDirs.push(dataDir);
  const process = spawnBackend(bundle.main, {
    ROLE: role,
    PORT: String(port),
    DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    SECRET_KEY: secretKey,
    ADMIN_TOKEN: ADMIN,
    KINTONE_ALLOWED_ORIGINS: "http://localhost:*",
    // A killed worker's jobs and kintone slots come back after this long.
    JOB_LEASE_MS: "1500",
    SCHEDULER_TICK_MS: "500",
  });
  await process.line((line) => line.msg === "listening");
  return { process, base: `http://127.0.0.1:${port}` };
}

test("2 web + 2 worker processes, 2,000 events, a worker SIGKILLed half-way: each written once", {
  timeout: 240_000,
}, async () => {
  const secretKey = randomBytes(32).toString("base64");
  // One first, so the migrations run once before the others start (they would wait on kysely's lock).
  const web1 = await start("web", secretKey);
  const [web2, worker1, worker2] = await Promise.all([
    start("web", secretKey),
    start("worker", secretKey),
    start("worker", secretKey),
  ]);
  const webs = [web1, web2];
  const workers = [worker1, worker2];

  const tenant = await createTenant(web1.base, ADMIN, "複数プロセス");
  const { customerApp, activityApp } = templateApps(emulator);
  // Saved through the second web process: the workers must see settings whichever process saved them.
  expect(await saveTemplateSettings(web2.base, tenant, emulator)).toBe(200);
  const api = (base: string, path: string) =>
    fetch(`${base}${path}`, { headers: { authorization: `Bearer ${tenant.serviceToken}` } });
  const status = async () =>
    (await (
      await fetch(`${web1.base}/v1/kintone/status`, {
        headers: { authorization: `Bearer ${tenant.connectionKey}` },
      })
    ).json()) as { runs: Array<{ id: string; status: string; kind: string }> };
  await eventually(
    async () => ((await status()).runs[0]?.status === "succeeded" ? true : undefined),
    60_000,
    "the first import",
  );
  const listed = (await (await api(web1.base, "/v1/customers?limit=500")).json()) as {
    customers: Array<{ id: string; kintone: { recordId: string } | null }>;
  };
  const linked = listed.customers.filter((c) => c.kintone !== null);
  expect(linked.length).toBeGreaterThan(100);

  // From here on every kintone request is the stream's; kintone answers in 5 ms, so the writing
  // takes long enough to kill a worker in the middle of it.
  await control.settings({ latencyMs: 5 });
  await control.resetStats();

  const eventOf = (i: number) => {
    // Four events in a row name one of the new customers, every 200 events: two workers may take them
    // at the same moment.
    const fresh = i % 200 < 4 ? Math.floor(i / 200) % NEW_CUSTOMERS : null;
    const customer =
      fresh !== null
        ? { id: null, name: `複数 新規${fresh}`, company: `新規商事${fresh}` }
        : { id: (linked[i % linked.length] as { id: string }).id, name: "既存 顧客", company: "既存商事" };
    return assistEvent(i, customer, "mp");
  };
  const send = async (i: number) => {
    const web = webs[i % 2] as Started;
    const res = await sendAssistEvent(web.base, tenant, eventOf(i));
    expect(res.status).toBe(202);
  };
  let next = 0;
  const senders = Array.from({ length: 16 }, async () => {
    while (next < EVENTS) await send(next++);
  });

  const exportCounts = async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ status: string; n: string }>(
        "select status, count(*) as n from exports group by status",
      );
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    } finally {
      await client.end();
    }
  };
  /** What the database holds when the writing does not finish: exports and jobs by state, leases held. */
  const stuckState = async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const query = async (sql: string) => JSON.stringify((await client.query(sql)).rows);
      return [
        `exports: ${await query("select status, count(*) as n from exports group by status")}`,
        `jobs: ${await query("select kind, status, count(*) as n, min(run_at) as first_run_at, max(lease_until) as last_lease from jobs where status <> 'done' group by kind, status")}`,
        `leases: ${await query("select name, holder, lease_until from leases")}`,
        `now: ${new Date().toISOString()}; survivor's last lines: ${JSON.stringify(survivorLines())}`,
      ].join("\n");
    } finally {
      await client.end();
    }
  };
  let survivorLines = (): unknown[] => [];
  // A sync in the middle of it all: an import run the workers share with the exports.
  const sync = await fetch(`${web2.base}/v1/kintone/sync`, {
    method: "POST",
    headers: { authorization: `Bearer ${tenant.connectionKey}`, "content-type": "application/json" },
    body: JSON.stringify({ mode: "full" }),
  });
  expect(sync.status).toBe(202);

  // Half-way through the writing: kill a worker with no chance to finish anything. (Watched in the
  // database: a read from kintone here would count against the concurrency asserted below.)
  await eventually(
    async () => (((await exportCounts()).written ?? 0) >= EVENTS / 2 ? true : undefined),
    120_000,
    "half the events written",
  );
  // Kill a worker that holds work: the one writing (both, often; which one takes the jobs depends on the
  // machine's timing, so the test does not assume both do). Its leased jobs and kintone slots must come back.
  const written = async (worker: Started) =>
    Number(
      /^fa_exports_total\{status="written"\} (\d+)/m.exec(
        await (await fetch(`${worker.base}/metrics`)).text(),
      )?.[1] ?? 0,
    );
  const [victim, survivor] = (await written(worker1)) > 0 ? [worker1, worker2] : [worker2, worker1];
  expect(await written(victim)).toBeGreaterThan(0);
  survivorLines = () => survivor.process.lines.slice(-20);
  victim.process.proc.kill("SIGKILL");
  await victim.process.exited;
  await Promise.all(senders);

  const counts = await eventually(
    async () => {
      const c = await exportCounts();
      return c.written === EVENTS ? c : undefined;
    },
    120_000,
    "every export written",
  ).catch(async (error: unknown) => {
    // Seen once or twice in many runs, not understood: say where it stood, for whoever meets it next.
    throw new Error(`${String(error)}\n${await stuckState()}`);
  });
  expect(counts).toEqual({ written: EVENTS });
  // The rest was written by the worker left, which took over the killed one's jobs.
  expect(await written(survivor)).toBeGreaterThan(0);

  // kintone holds each event exactly once.
  const eventIds: string[] = [];
  for (let after = 0; ; ) {
    const query = `$id > ${after} order by $id asc limit 500`;
    const res = await fetch(
      `${emulator.url}/k/v1/records.json?app=${activityApp.appId}&query=${encodeURIComponent(query)}&fields[0]=$id&fields[1]=${encodeURIComponent(TEMPLATE_ACTIVITY_FIELDS.eventId)}`,
      { headers: { "X-Cybozu-API-Token": activityApp.apiToken } },
    );
    const { records } = (await res.json()) as { records: Array<Record<string, { value: string }>> };
    for (const r of records) eventIds.push(r[TEMPLATE_ACTIVITY_FIELDS.eventId]?.value ?? "");
    const last = records.at(-1)?.$id?.value;
    if (records.length < 500 || last === undefined) break;
    after = Number(last);
  }
  const ours = eventIds.filter((id) => id.startsWith("mp-"));
  expect(ours).toHaveLength(EVENTS);
  expect(new Set(ours).size).toBe(EVENTS);

  // Each new customer was registered once, though two workers may take its events at once.
  for (let n = 0; n < NEW_CUSTOMERS; n++) {
    const query = `顧客名 = "複数 新規${n}"`;
    const res = await fetch(
      `${emulator.url}/k/v1/records.json?app=${customerApp.appId}&totalCount=true&query=${encodeURIComponent(query)}`,
      { headers: { "X-Cybozu-API-Token": customerApp.apiToken } },
    );
    expect(Number(((await res.json()) as { totalCount: string }).totalCount), `新規${n}`).toBe(1);
  }

  // The tenant's limit of 4 concurrent kintone requests held across both workers.
  expect((await control.stats()).peakRunning).toBeLessThanOrEqual(4);

  // Every import run ended, and was reported finished by exactly one process.
  const runs = await eventually(
    async () => {
      const s = await status();
      return s.runs.every((r) => r.status === "succeeded") ? s.runs : undefined;
    },
    60_000,
    "the sync to finish",
  );
  expect(runs.map((r) => r.kind).sort()).toEqual(["full", "initial"]);
  const finished = [...workers, ...webs]
    .flatMap((p) => p.process.lines)
    .filter((line) => line.msg === "import run finished")
    .map((line) => line.run);
  for (const run of runs) expect(finished.filter((id) => id === run.id)).toHaveLength(1);
  await control.settings({ latencyMs: 0 });
});
