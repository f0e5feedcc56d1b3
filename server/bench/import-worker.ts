/**
 * One measured import, in its own process so its peak RSS is the backend's alone: starts the backend on a
 * fresh SQLite file, creates a tenant, saves settings whose first import covers every record, waits for
 * the run, and prints one JSON line.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { templateSettingsBody } from "@front-agent/shared";
import { readConfig } from "../src/config.ts";
import { startServer } from "../src/server.ts";

const [emulatorUrl, customerAppId, customerToken, activityAppId, activityToken] = process.argv.slice(2);
const dataDir = mkdtempSync(join(tmpdir(), "fa-bench-"));
const admin = "bench-admin-token-0123456789";
const server = await startServer(
  readConfig({
    PORT: "0",
    DATA_DIR: dataDir,
    ADMIN_TOKEN: admin,
    KINTONE_ALLOWED_ORIGINS: "http://localhost:*",
    // The operator's ceiling raised to the settings' own bound: the first import reads the whole app.
    MAX_INITIAL_RECORDS: "1000000",
  }),
);
const post = (path: string, token: string, body: unknown, method = "POST") =>
  fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

const tenant = (await (await post("/v1/admin/tenants", admin, { name: "bench" })).json()) as {
  connectionKey: string;
};
const settings = {
  ...templateSettingsBody({
    kintoneBaseUrl: emulatorUrl as string,
    customerApp: { appId: customerAppId as string, apiToken: customerToken as string },
    activityApp: { appId: activityAppId as string, apiToken: activityToken as string },
  }),
  // Every record is in scope: the benchmark measures a first import of the whole app.
  options: {
    autoRegister: true,
    initialWindowDays: 3650,
    initialMaxRecords: 1_000_000,
    syncIntervalHours: 24,
  },
};
const saved = await post("/v1/kintone/settings", tenant.connectionKey, settings, "PUT");
if (!saved.ok) throw new Error(`settings refused: ${await saved.text()}`);
type Run = {
  status: string;
  startedAt: string;
  finishedAt: string;
  read: number;
  created: number;
  skipped: number;
  kintoneRequests: number;
  error?: string;
};
let run: Run | undefined;
for (;;) {
  const status = (await (
    await fetch(`${server.url}/v1/kintone/status`, {
      headers: { authorization: `Bearer ${tenant.connectionKey}` },
    })
  ).json()) as { runs: Run[] };
  run = status.runs[0];
  if (run && run.status !== "running") break;
  // Not faster: status counts the directory (a scan), which would compete with the import it measures.
  await new Promise((r) => setTimeout(r, 250));
}
await server.close();
rmSync(dataDir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    status: run.status,
    error: run.error ?? null,
    wallMs: Date.parse(run.finishedAt) - Date.parse(run.startedAt),
    read: run.read,
    created: run.created,
    skipped: run.skipped,
    kintoneRequests: run.kintoneRequests,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    heapUsedAfterMb: Math.round(process.memoryUsage().heapUsed / 1048576),
  }),
);
