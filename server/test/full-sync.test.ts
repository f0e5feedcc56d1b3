// Issue 15: the 全件同期 (SPEC I9, I11) runs on its own every fullSyncIntervalDays, and within the daily
// request budget: a full run that would pass the backend's share waits for the next day instead.
import { templateSeed } from "@front-agent/kintone-emulator";
import { afterEach, describe, expect, test } from "vitest";
import { CANDIDATE_INDEX_JOB } from "../src/services/candidate-index.ts";
import { requestDay } from "../src/services/request-budget.ts";
import {
  type BackendData,
  createBackendData,
  eventually,
  forEachDatabase,
  type Harness,
  runEnded,
  startHarness,
} from "./harness.ts";

const DAY_MS = 86_400_000;

type Run = { id: string; kind: string; status: string; startedAt: string; deferredUntil?: string };

let h: Harness | undefined;
let nextDay: Harness | undefined;
let data: BackendData | undefined;
afterEach(async () => {
  await nextDay?.close();
  // A test that moved to the next day stopped this backend itself (closing it again only fails).
  await h?.close().catch(() => h?.emulator.close());
  await data?.remove();
  h = nextDay = data = undefined;
});

async function deleteRecord(harness: Harness, id: string): Promise<void> {
  const res = await fetch(
    `${harness.emulator.url}/k/v1/records.json?app=${harness.apps.customer.appId}&ids[0]=${id}`,
    { method: "DELETE", headers: { "X-Cybozu-API-Token": harness.apps.customer.token } },
  );
  expect(res.status).toBe(200);
}

/** The FA customer linked to (or unlinked from) a kintone record, found through the service API. */
async function customerOf(harness: Harness, customerId: string, auth = "service") {
  return (await harness.api("GET", `/v1/customers/${customerId}`, { auth })).body;
}

/** An FA customer the first import linked, and its kintone record. */
async function aLinkedCustomer(harness: Harness): Promise<{ id: string; recordId: string }> {
  const page = await harness.api("GET", "/v1/customers?limit=500", { auth: "service" });
  const found = (page.body.customers as Array<{ id: string; kintone: { recordId: string } | null }>).find(
    (c) => c.kintone !== null,
  );
  if (!found?.kintone) throw new Error("no linked customer");
  return { id: found.id, recordId: found.kintone.recordId };
}

forEachDatabase((database) => {
  describe("the scheduled 全件同期 (fullSyncIntervalDays)", () => {
    test("takes the place of the incremental sync once the days have passed: what the first import's window left out arrives, a deleted record's customer is unlinked", async () => {
      let now = new Date();
      // 120 days of records; the first import reads the last 60 days only (SPEC I9).
      h = await startHarness({
        database,
        seed: templateSeed({ customers: 60, spreadDays: 120 }),
        server: { now: () => now },
        env: { SCHEDULER_TICK_MS: "100" },
      });
      const harness = h;
      expect((await harness.api("PUT", "/v1/kintone/settings", { body: harness.settings() })).status).toBe(
        200,
      );
      const first = await runEnded(harness, 1);
      expect(first).toMatchObject({ kind: "initial", status: "succeeded" });
      const status = (await harness.api("GET", "/v1/kintone/status")).body;
      // Weekly by default, counted from the first import.
      expect(Date.parse(status.nextFullSyncAt) - Date.parse(first.startedAt)).toBe(7 * DAY_MS);
      const imported = status.customers.total;
      expect(imported).toBeLessThan(60);
      const victim = await aLinkedCustomer(harness);
      await deleteRecord(harness, victim.recordId);

      // A day on: the incremental sync, which neither reads old records nor notices a deletion.
      now = new Date(now.getTime() + DAY_MS + 1000);
      expect(await runEnded(harness, 2)).toMatchObject({ kind: "incremental", status: "succeeded" });
      expect((await customerOf(harness, victim.id)).kintone).toMatchObject({ recordId: victim.recordId });

      // A week after the first import: the full sync instead of that day's incremental.
      now = new Date(Date.parse(first.startedAt) + 7 * DAY_MS + 1000);
      const full = await runEnded(harness, 3);
      // The run says what it did: the administrator sees one customer unlinked beside its counts.
      expect(full).toMatchObject({ kind: "full", status: "succeeded", unlinked: 1 });
      expect(first).not.toHaveProperty("unlinked");
      expect(await customerOf(harness, victim.id)).toMatchObject({
        kintone: null,
        unlinked: { reason: "deleted_in_kintone" },
      });
      const after = (await harness.api("GET", "/v1/kintone/status")).body;
      expect(after.customers.total).toBeGreaterThan(imported);
      expect(after.runs).toHaveLength(3);
      expect(Date.parse(after.nextFullSyncAt) - Date.parse(full.startedAt)).toBe(7 * DAY_MS);

      // 0 turns it off: no next full sync to show (and none starts).
      expect((await harness.resave((s) => (s.options.fullSyncIntervalDays = 0))).status).toBe(200);
      expect((await harness.api("GET", "/v1/kintone/status")).body.nextFullSyncAt).toBeNull();
    }, 60_000);
  });

  describe("a full sync within the daily request budget", () => {
    test("one that would pass the backend's share waits for the next day without reading a page; the next day it runs and unlinks a deleted record", async () => {
      data = await createBackendData(database);
      // 1,200 records: a full run needs about 10 requests (3 + 3 pages + a short page per stripe).
      h = await startHarness({
        data,
        seed: templateSeed({ customers: 1200, spreadDays: 10 }),
        env: { KINTONE_DAILY_LIMIT: "100" },
      });
      const harness = h;
      const { tenantId, connectionKey } = harness.tenant;
      const appId = harness.apps.customer.appId;
      expect((await harness.api("PUT", "/v1/kintone/settings", { body: harness.settings() })).status).toBe(
        200,
      );
      expect(await runEnded(harness, 1)).toMatchObject({ kind: "initial", status: "succeeded" });
      // The candidate index reads the customer app too: let it finish before counting kintone's requests.
      await eventually(async () =>
        (await harness.server.storage.jobs.pending(tenantId, CANDIDATE_INDEX_JOB)).length === 0
          ? true
          : undefined,
      );
      const victim = await aLinkedCustomer(harness);
      await deleteRecord(harness, victim.recordId);

      // Other work used the app today: 75 of the backend's 80, leaving less than the full run needs.
      const used = (await harness.api("GET", "/v1/kintone/status")).body.kintoneRequests.today[
        appId
      ] as number;
      expect(used).toBeLessThan(75);
      await harness.server.storage.requestCounts.add(tenantId, appId, requestDay(new Date()), 75 - used);
      // The export writer's look at the budget is kept a second.
      await new Promise((r) => setTimeout(r, 1100));
      await harness.kintone.resetStats();

      const sync = await harness.api("POST", "/v1/kintone/sync", { body: { mode: "full" } });
      expect(sync.status).toBe(202);
      const tomorrow = new Date();
      tomorrow.setUTCHours(24, 0, 0, 0);
      const waiting = await eventually(async () => {
        const run: Run | undefined = (await harness.api("GET", "/v1/kintone/status")).body.runs[0];
        return run?.deferredUntil ? run : undefined;
      });
      expect(waiting).toMatchObject({ id: sync.body.runId, kind: "full", status: "running" });
      expect(waiting.deferredUntil).toBe(tomorrow.toISOString());
      const [job] = await harness.server.storage.jobs.pending(tenantId, "import");
      expect(job).toMatchObject({ status: "queued", runAt: tomorrow.toISOString() });
      // One request: kintone's count of the app. Not one page of records was read.
      const stats = await harness.kintone.stats();
      expect(stats.total).toBe(1);
      expect((await harness.kintone.requests("/k/v1/records.json"))[0]?.params).toMatchObject({
        query: "limit 1",
        totalCount: "true",
      });
      expect((await customerOf(harness, victim.id)).kintone).toMatchObject({ recordId: victim.recordId });
      // Still running: another sync is refused, as for any run in progress.
      expect((await harness.api("POST", "/v1/kintone/sync", { body: { mode: "incremental" } })).status).toBe(
        409,
      );

      // The same database and kintone, a minute into the next UTC day: a fresh budget, the job due.
      await harness.server.close();
      const offset = tomorrow.getTime() + 60_000 - Date.now();
      nextDay = await startHarness({
        data,
        seed: templateSeed({ customers: 0 }),
        env: { KINTONE_DAILY_LIMIT: "100" },
        server: { now: () => new Date(Date.now() + offset) },
      });
      const later = nextDay;
      const full = await runEnded(later, 2, connectionKey);
      expect(full).toMatchObject({ id: sync.body.runId, kind: "full", status: "succeeded" });
      expect(full.deferredUntil).toBeUndefined();
      expect(await customerOf(later, victim.id, harness.tenant.serviceToken)).toMatchObject({
        kintone: null,
        unlinked: { reason: "deleted_in_kintone" },
      });
    }, 60_000);
  });
});
