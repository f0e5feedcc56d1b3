import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import {
  EmulatorClient,
  type RunningEmulator,
  startEmulator,
  templateSeed,
} from "@front-agent/kintone-emulator";
import { templateSettingsBody } from "@front-agent/shared";
import { afterAll, beforeAll, expect, test } from "vitest";
import { CHILD_ADMIN_TOKEN, freePort, startBackend, useBackendBundle } from "./child-backend.ts";
import { type BackendData, createBackendData, eventually, forEachDatabase } from "./harness.ts";

// A process killed in the middle of an import resumes it on restart and nobody is imported twice.
const ADMIN = CHILD_ADMIN_TOKEN;
let emulator: RunningEmulator;
let data: BackendData;
let child: ChildProcess | undefined;
useBackendBundle();

forEachDatabase((database) => {
  beforeAll(async () => {
    emulator = await startEmulator({ seed: templateSeed({ customers: 12_000, spreadDays: 30 }) });
    data = await createBackendData(database);
  });
  afterAll(async () => {
    child?.kill("SIGKILL");
    child = undefined;
    await emulator.close();
    await data.remove();
  });

  test("kill -9 mid-import, restart: the run resumes from its last page and no customer is duplicated", async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    // A first import of 20,000 records: more than the default ceiling, so the operator has raised it.
    const operator = { MAX_INITIAL_RECORDS: "20000" };
    child = await startBackend(port, data, operator);
    const tenant = await fetch(`${base}/v1/admin/tenants`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "再起動テスト" }),
    }).then((r) => r.json() as Promise<{ connectionKey: string; serviceToken: string }>);
    const auth = { authorization: `Bearer ${tenant.connectionKey}`, "content-type": "application/json" };
    const apps = emulator.seed?.apps ?? {};
    const settings = {
      ...templateSettingsBody({
        kintoneBaseUrl: emulator.url,
        customerApp: { appId: apps.customer?.appId ?? "", apiToken: apps.customer?.tokens[0] ?? "" },
        activityApp: { appId: apps.activity?.appId ?? "", apiToken: apps.activity?.tokens[0] ?? "" },
      }),
      options: {
        autoRegister: true,
        initialWindowDays: 60,
        initialMaxRecords: 20_000,
        syncIntervalHours: 24,
      },
    };
    // Slow kintone down so the run is still going when the process is killed.
    const control = new EmulatorClient(emulator.url);
    await control.settings({ latencyMs: 120 });
    const put = await fetch(`${base}/v1/kintone/settings`, {
      method: "PUT",
      headers: auth,
      body: JSON.stringify(settings),
    });
    expect(put.status).toBe(200);
    const status = () =>
      fetch(`${base}/v1/kintone/status`, { headers: auth }).then(
        (r) =>
          r.json() as Promise<{
            runs: Array<{
              id: string;
              status: string;
              read: number;
              created: number;
              updated: number;
              skipped: number;
            }>;
            customers: { total: number; linked: number };
          }>,
      );
    const midway = await eventually(
      async () => {
        const s = await status();
        const run = s.runs[0];
        return run && run.read >= 2500 && run.read < 10_000 ? run : undefined;
      },
      30_000,
      "the import to be midway",
    );
    child.kill("SIGKILL");
    await once(child, "exit");

    await control.settings({ latencyMs: 0 });
    child = await startBackend(port, data, operator);
    const done = await eventually(
      async () => {
        const s = await status();
        return s.runs[0]?.status === "succeeded" ? s : undefined;
      },
      60_000,
      "the resumed run to succeed",
    );
    expect(done.runs).toHaveLength(1);
    expect(done.runs[0]?.id).toBe(midway.id);
    const run = done.runs[0] as { read: number; created: number; updated: number; skipped: number };
    // Every record of the window was read, some twice (the page in flight when killed), none imported twice.
    expect(run.read).toBeGreaterThanOrEqual(12_000);
    // Resumed, not started over: starting over would read everything again on top of what was read.
    expect(run.read).toBeLessThan(midway.read + 12_000);
    const skipped = Math.floor(12_000 / 50) * 1; // the template leaves 1 in 50 records without name and company
    expect(done.customers.total).toBe(12_000 - skipped);
    expect(done.customers.linked).toBe(done.customers.total);
    child.kill("SIGTERM");
    await once(child, "exit");
    child = undefined;
  }, 120_000);
});
