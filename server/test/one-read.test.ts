import { templateSeed } from "@front-agent/kintone-emulator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CANDIDATE_INDEX_JOB } from "../src/services/candidate-index.ts";
import { eventually, forEachDatabase, type Harness, runEnded, startHarness } from "./harness.ts";

// Issue 16: the first import's read of the customer app is also the candidate index's (one read, one
// pass); syncs keep the index current with what they read.

type Candidate = { recordId: string };

// The backend's clock, moved forward by the tests (a search within 30 s of a refresh reads nothing more).
let offsetMs = 0;

/** The index is built and nothing is left to build it: the reads it needed are all made. */
function indexSettled(h: Harness) {
  return eventually(async () => {
    const { tenantId } = h.tenant;
    const state = await h.server.storage.candidateIndex.state(tenantId, h.apps.customer.appId);
    const pending = await h.server.storage.jobs.pending(tenantId, CANDIDATE_INDEX_JOB);
    return state && pending.length === 0 ? state : undefined;
  });
}

async function search(h: Harness, name: string): Promise<string[]> {
  const res = await h.api("GET", `/v1/crm-candidates?name=${encodeURIComponent(name)}`, { auth: "service" });
  expect(res.status).toBe(200);
  return (res.body.candidates as Candidate[]).map((c) => c.recordId);
}

/** Queries that read records of the customer app page by page (not the one-record probes and id bounds). */
async function pageReads(h: Harness): Promise<string[]> {
  return (await h.kintone.requests("/k/v1/records.json"))
    .filter((r) => String(r.params.app) === h.apps.customer.appId)
    .map((r) => String(r.params.query ?? ""))
    .filter((q) => q.endsWith("limit 500"));
}

forEachDatabase((database) => {
  describe("a first save reads the customer app once (import and candidate index)", () => {
    let h: Harness;
    const ids: Record<string, string> = {};
    const RECORDS = 2000;

    beforeAll(async () => {
      offsetMs = 0;
      h = await startHarness({
        database,
        seed: templateSeed({ customers: RECORDS, spreadDays: 30 }),
        server: { now: () => new Date(Date.now() + offsetMs) },
      });
      const recent = await h.kintone.addRecords(h.apps.customer.appId, [
        { 顧客名: { value: "鬼瓦 八郎" }, 会社名: { value: "鬼瓦精機株式会社" } },
      ]);
      ids.recent = recent.ids[0] as string;
      // Last updated 200 days ago: outside the first import's 60-day window, so never imported.
      await h.kintone.clock({ now: new Date(Date.now() - 200 * 86_400_000).toISOString() });
      const old = await h.kintone.addRecords(h.apps.customer.appId, [
        { 顧客名: { value: "古川 四郎" }, 会社名: { value: "古河サンプル工業株式会社" } },
      ]);
      ids.old = old.ids[0] as string;
      await h.kintone.clock({ now: null });
    });
    afterAll(() => h.close());

    test("≤ ceil(N/500) + 15 kintone requests in all (the window read once, then only its complement), the index complete", async () => {
      await h.kintone.resetStats();
      expect((await h.api("PUT", "/v1/kintone/settings", { body: h.settings() })).status).toBe(200);
      expect(await runEnded(h, 1)).toMatchObject({ kind: "initial", status: "succeeded" });
      await indexSettled(h);
      const total = (await h.kintone.stats()).total;
      expect(total).toBeLessThanOrEqual(Math.ceil((RECORDS + 2) / 500) + 15);
      // Every page read carries the update time: the window's (>=) or its complement's (<), never the
      // whole app read a second time.
      const reads = await pageReads(h);
      expect(reads.every((q) => q.includes("更新日時 >=") || q.includes("更新日時 <"))).toBe(true);
      expect(reads.filter((q) => q.includes("更新日時 <"))).toHaveLength(1);

      // The index holds the records the import took and those outside the window.
      const directory = await h.api("GET", `/v1/customers?q=${encodeURIComponent("鬼瓦")}`, {
        auth: "service",
      });
      expect(directory.body.customers).toHaveLength(1);
      // Part of the name: kintone's exact `in` cannot find these, only the index can.
      expect(await search(h, "鬼瓦")).toContain(ids.recent);
      expect(await search(h, "古川")).toContain(ids.old);
    });

    test("an incremental sync's new record is found by 候補検索 without a read of the index's own", async () => {
      const added = await h.kintone.addRecords(h.apps.customer.appId, [
        { 顧客名: { value: "南風 九郎" }, 会社名: { value: "南風物産合同会社" } },
      ]);
      // A minute on: the index's last refresh (the first import's start) is long past 30 s.
      offsetMs += 60_000;
      expect((await h.api("POST", "/v1/kintone/sync", { body: { mode: "incremental" } })).status).toBe(202);
      expect(await runEnded(h, 2)).toMatchObject({ kind: "incremental", status: "succeeded" });
      await h.kintone.resetStats();
      expect(await search(h, "南風")).toContain(added.ids[0]);
      // The search's own exact question to kintone, and no refresh of the index.
      expect(await h.kintone.requests("/k/v1/records.json")).toHaveLength(1);
    });
  });

  describe("a read of every record builds the index with no read of its own", () => {
    let h: Harness;
    const RECORDS = 1200;
    let recent = "";

    beforeAll(async () => {
      h = await startHarness({ database, seed: templateSeed({ customers: RECORDS, spreadDays: 30 }) });
      const added = await h.kintone.addRecords(h.apps.customer.appId, [
        { 顧客名: { value: "鬼瓦 八郎" }, 会社名: { value: "鬼瓦精機株式会社" } },
      ]);
      recent = added.ids[0] as string;
    });
    afterAll(() => h.close());

    test("a first import whose window held every record: the index is complete one empty read after it ends", async () => {
      await h.kintone.resetStats();
      await h.api("PUT", "/v1/kintone/settings", { body: h.settings() });
      const run = await runEnded(h, 1);
      expect(run.status).toBe("succeeded");
      const { tenantId } = h.tenant;
      // The run's own read is the index; the job it queued reads what the window left out (nothing here)
      // and finishes the build as of the run's start. The app is not read a second time.
      await indexSettled(h);
      expect(await h.server.storage.jobs.pending(tenantId, CANDIDATE_INDEX_JOB)).toEqual([]);
      expect(await h.server.storage.candidateIndex.state(tenantId, h.apps.customer.appId)).toMatchObject({
        builtAt: run.startedAt,
      });
      const reads = await pageReads(h);
      expect(reads.filter((q) => q.includes("更新日時 <"))).toHaveLength(1);
      expect(reads.every((q) => q.includes("更新日時 >=") || q.includes("更新日時 <"))).toBe(true);
      const found = await h.server.storage.candidateIndex.search(
        tenantId,
        h.apps.customer.appId,
        ["鬼瓦"],
        10,
      );
      expect(found.map((r) => r.recordId)).toContain(recent);
    });

    test("a full sync rebuilds it: a record deleted in kintone leaves it, and no build reads the app again", async () => {
      const { tenantId } = h.tenant;
      const appId = h.apps.customer.appId;
      const [doomed] = await h.kintone
        .addRecords(appId, [{ 顧客名: { value: "消える 七郎" }, 会社名: { value: "株式会社ゴースト" } }])
        .then((r) => r.ids);
      await h.server.storage.candidateIndex.put(
        tenantId,
        appId,
        [
          {
            recordId: doomed as string,
            recordNumber: doomed as string,
            name: "消える 七郎",
            company: "株式会社ゴースト",
          },
        ],
        "an-old-build",
      );
      const res = await fetch(`${h.emulator.url}/k/v1/records.json`, {
        method: "DELETE",
        headers: { "X-Cybozu-API-Token": h.apps.customer.token, "content-type": "application/json" },
        body: JSON.stringify({ app: appId, ids: [doomed] }),
      });
      expect(res.status).toBe(200);
      await h.kintone.resetStats();
      expect((await h.api("POST", "/v1/kintone/sync", { body: { mode: "full" } })).status).toBe(202);
      const run = await runEnded(h, 2);
      expect(run).toMatchObject({ kind: "full", status: "succeeded" });
      expect(await h.server.storage.jobs.pending(tenantId, CANDIDATE_INDEX_JOB)).toEqual([]);
      expect(await h.server.storage.candidateIndex.state(tenantId, appId)).toMatchObject({
        builtAt: run.startedAt,
      });
      expect(await h.server.storage.candidateIndex.search(tenantId, appId, ["七郎"], 10)).toEqual([]);
      // One read of the app's pages, the sync's.
      expect(await pageReads(h)).toHaveLength(Math.ceil((RECORDS + 1) / 500));
    });
  });
});
