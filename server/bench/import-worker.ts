/**
 * One measured first import of ours, as an administrator starts it: the backend bundled and run as
 * `pnpm start` runs it (its own process, a fresh SQLite file, its jobs thread beside the bundle), warmed
 * by another tenant's 設定を確認, then a new tenant, one PUT /v1/kintone/settings whose first import covers
 * every record, and the status polled until the run is no longer running. Then kintone is left to go
 * quiet (the candidate index may still be built) before the emulator's request log is read, and the
 * backend's peak RSS is taken before it stops. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RequestLogEntry } from "@front-agent/kintone-emulator";
import { type ImportRun, templateSettingsBody, tenantCreatedSchema } from "@front-agent/shared";
import {
  ADMIN_TOKEN,
  call,
  type EmulatorProcess,
  kintoneStatus,
  sleep,
  startBackend,
} from "./bench-support.ts";

export interface OurImport {
  /** From just before the PUT to the run's finish (the status answers "not running" from then on). */
  saveToDoneMs: number;
  /** The run alone: its startedAt to its finishedAt, as the backend records them. */
  runMs: number;
  read: number;
  /** kintone requests of the first save, by what made them (see classify). */
  requests: RequestsBySource;
  /** The most kintone requests in flight at once (the emulator's count). */
  peakConcurrent: number;
  /** The backend process's peak resident set (VmHWM), in MB; null where /proc is not there. */
  peakRssMb: number | null;
  /**
   * CPU seconds the backend process used (both threads) from just before the PUT until the run was seen
   * ended: on two cores shared with kintone (the emulator), what the CPU-bound case is made of. Includes the
   * few status reads and, when it came before the poll, the index completion's job after the run.
   */
  cpuSeconds: number;
}

export interface RequestsBySource {
  /** Answered before the run was created: only the settings checks can be (the save queues the run after them). */
  settingsChecks: number | null;
  /** The run's own count (the backend's gateway counts every request the run makes). */
  importRun: number;
  /** Everything else after the save: the candidate index build (nothing else is expected). */
  indexAndOther: number;
  /** The run's and the rest's requests together, by endpoint: where the reading went. */
  afterChecksByEndpoint: Record<string, number>;
  /**
   * kintone's own time answering them: the emulator's handler time per request less its added latency,
   * summed (it answers one request at a time). No run can be shorter on this machine; null when the
   * log dropped entries.
   */
  afterChecksServeMs: number | null;
  total: number;
}

/**
 * How often the status is asked while the run goes on: as the settings screen's 同期の状況 asks it
 * (POLL_MS in plugin/src/config/status/StatusPanel.tsx). The figures come from the run's own times, not
 * from when a poll sees it end; asking every 200 ms, as this bench once did, spent the backend's CPU on
 * 15 times the status reads (counts over every customer) an administrator's screen makes.
 */
const STATUS_POLL_MS = 3000;

/** A first import that has not ended this long after the save is stuck: the benchmark stops with why. */
const RUN_DEADLINE_MS = 5 * 60_000;

/** The run as GET /v1/kintone/status answers it (the shared schema). */
type Run = ImportRun;

/** One first import of `emulator`'s whole customer app by a new backend process started from `main`. */
export async function ourFirstImport(
  main: string,
  emulator: EmulatorProcess,
  latencyMs: number,
): Promise<OurImport> {
  const dataDir = mkdtempSync(join(tmpdir(), "fa-bench-import-"));
  const backend = await startBackend(main, {
    DATA_DIR: dataDir,
    DATABASE_URL: "",
    // The operator's ceiling raised to the settings' own bound: the first import reads the whole app.
    MAX_INITIAL_RECORDS: "1000000",
  });
  try {
    const settings = {
      ...templateSettingsBody({
        kintoneBaseUrl: emulator.url,
        customerApp: emulator.customer,
        activityApp: emulator.activity,
      }),
      // Every record is in scope: the benchmark measures a first import of the whole app.
      options: {
        autoRegister: true,
        initialWindowDays: 3650,
        initialMaxRecords: 1_000_000,
        syncIntervalHours: 24,
      },
    };
    // A running backend has served other tenants: another one's 設定を確認 first, so that the save measured
    // is not also the process's first request (JIT, the first kintone connection: ~250 ms more).
    const warm = await tenant(backend.base, "warm-up");
    await call(backend.base, "POST", "/v1/kintone/settings/validate", warm, settings);
    const key = await tenant(backend.base, "bench");
    await emulator.control("stats", "DELETE");
    const cpuBefore = backend.cpu();
    const savedAt = Date.now();
    const saved = await call(backend.base, "PUT", "/v1/kintone/settings", key, settings);
    if (saved.status !== 200)
      throw new Error(`settings refused: ${saved.status} ${JSON.stringify(saved.body)}`);
    let run: Run | undefined;
    const deadline = savedAt + RUN_DEADLINE_MS;
    for (;;) {
      run = (await kintoneStatus(backend.base, key)).runs[0];
      if (run && run.status !== "running") break;
      if (Date.now() > deadline)
        throw new Error(
          `the import did not end within ${RUN_DEADLINE_MS / 60_000} minutes of the save (${run ? `still running, ${run.read} records read` : "no run started"})`,
        );
      await sleep(STATUS_POLL_MS);
    }
    const cpuSeconds = backend.cpu() - cpuBefore;
    if (run.status !== "succeeded" || !run.finishedAt)
      throw new Error(`import ${run.status}: ${run.error ?? "no finish time"}`);
    await quiet(emulator);
    const stats = await emulator.control<{ total: number; peakRunning: number }>("stats");
    const log = (await emulator.control<{ requests: RequestLogEntry[] }>("requests")).requests;
    const finishedAt = Date.parse(run.finishedAt);
    return {
      saveToDoneMs: finishedAt - savedAt,
      runMs: finishedAt - Date.parse(run.startedAt),
      read: run.read,
      requests: classify(log, stats.total, run, latencyMs),
      peakConcurrent: stats.peakRunning,
      peakRssMb: peakRssMb(backend.proc.pid),
      cpuSeconds,
    };
  } finally {
    await backend.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The save's kintone requests by what made them, exactly: the settings checks all end before the save
 * creates the run (its startedAt), and nothing else is asked before; the run counts its own; the rest is
 * whatever else the save started (the candidate index build). The emulator's log keeps its last 2,000
 * entries: when it has dropped some, the checks cannot be told apart and are null.
 */
export function classify(
  log: RequestLogEntry[],
  total: number,
  run: Pick<Run, "startedAt" | "kintoneRequests">,
  latencyMs: number,
): RequestsBySource {
  const created = Date.parse(run.startedAt);
  const complete = log.length === total;
  const checks = complete ? log.filter((entry) => Date.parse(entry.at) <= created).length : null;
  // The status answers a run's count whenever the run has made a request.
  const own = run.kintoneRequests ?? 0;
  const rest = total - (checks ?? 0) - own;
  const byEndpoint: Record<string, number> = {};
  let serveMs = 0;
  for (const entry of log) {
    if (Date.parse(entry.at) <= created) continue;
    serveMs += Math.max(0, entry.durationMs - latencyMs);
    const endpoint = `${entry.method} ${entry.path.replace(/^\/k\/v1\//, "")}`;
    byEndpoint[endpoint] = (byEndpoint[endpoint] ?? 0) + 1;
  }
  return {
    settingsChecks: checks,
    importRun: own,
    indexAndOther: rest,
    afterChecksByEndpoint: byEndpoint,
    afterChecksServeMs: complete ? serveMs : null,
    total,
  };
}

/** A new tenant's connection key. */
async function tenant(base: string, name: string): Promise<string> {
  const created = await call(base, "POST", "/v1/admin/tenants", ADMIN_TOKEN, { name });
  const answer = tenantCreatedSchema.safeParse(created.body);
  if (!answer.success) throw new Error(`tenant refused: ${created.status} ${JSON.stringify(created.body)}`);
  return answer.data.connectionKey;
}

/** Until the emulator has had no request for a second and none is in flight. */
async function quiet(emulator: EmulatorProcess): Promise<void> {
  let last = -1;
  let still = 0;
  while (still < 10) {
    const stats = await emulator.control<{ total: number; running: number }>("stats");
    still = stats.running === 0 && stats.total === last ? still + 1 : 0;
    last = stats.total;
    await sleep(100);
  }
}

function peakRssMb(pid: number | undefined): number | null {
  try {
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb === undefined ? null : Math.round(Number(kb) / 1024);
  } catch {
    return null;
  }
}
