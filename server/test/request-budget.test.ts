import { templateSeed } from "@front-agent/kintone-emulator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { assistClient } from "./assist-client.ts";
import {
  type BackendData,
  createBackendData,
  eventually,
  forEachDatabase,
  type Harness,
  newestRunSucceeded,
  startHarness,
} from "./harness.ts";

/** The database both backends run on: the second is the first restarted the next day. */
let data: BackendData;
let h: Harness;
let nextDay: Harness | undefined;
let exportId: string;

forEachDatabase((database) => {
  beforeAll(async () => {
    data = await createBackendData(database);
    // A limit of 20 requests a day: the first import and the 診断 use up the backend's share (16) quickly.
    h = await startHarness({
      data,
      seed: templateSeed({ customers: 10 }),
      env: { KINTONE_DAILY_LIMIT: "20" },
    });
    expect((await h.api("PUT", "/v1/kintone/settings", { body: h.settings() })).status).toBe(200);
    await newestRunSucceeded(h);
  });
  afterAll(async () => {
    await nextDay?.close();
    nextDay = undefined;
    // The second test stops this backend itself (closing it again only fails); its emulator stays to the end.
    await h.close().catch(() => h.emulator.close());
    await data.remove();
  });

  describe("a good kintone citizen: the daily request budget (SPEC)", () => {
    test("near the limit the 診断 warns; past the backend's share an export waits, queued, for the next day", async () => {
      // Each 診断 probes both apps; repeat until the backend's share of the customer app is spent.
      let checks: Array<{ id: string; status: string; message: string }> = [];
      for (let i = 0; i < 5; i++) {
        checks = (await h.api("POST", "/v1/kintone/settings/validate", { body: h.settings() })).body.checks;
      }
      const use = checks.find((c) => c.id === `kintone.dailyUse.${h.apps.customer.appId}`);
      expect(use).toMatchObject({ status: "warning" });
      expect(use?.message).toContain("翌日");
      const status = (await h.api("GET", "/v1/kintone/status")).body;
      expect(status.kintoneRequests.dailyLimit).toBe(20);
      expect(status.kintoneRequests.today[h.apps.customer.appId]).toBeGreaterThanOrEqual(16);

      // The writer reads the budget at most once a second.
      await new Promise((r) => setTimeout(r, 1100));
      const before = (await h.kintone.stats()).total;
      const fa = assistClient(h);
      const accepted = await fa.send(fa.event({ eventId: "evt-budget" }));
      expect(accepted.status, accepted.text).toBe(202);
      exportId = accepted.body.exportId;
      // The job ran and put itself back for tomorrow: the export is still queued and kintone was not asked.
      await eventually(async () => {
        const jobs = await h.server.storage.jobs.pending(h.tenant.tenantId, "export");
        return jobs.length === 1 && jobs[0]?.status === "queued" && jobs[0].attempts > 0
          ? jobs[0]
          : undefined;
      });
      const job = (await h.server.storage.jobs.pending(h.tenant.tenantId, "export"))[0];
      const tomorrow = new Date();
      tomorrow.setUTCHours(24, 0, 0, 0);
      expect(job?.runAt).toBe(tomorrow.toISOString());
      expect((await h.kintone.stats()).total).toBe(before);

      // Issue 12 #13: still queued (API.md's status), but saying why and when it will be written.
      const waiting = (await h.api("GET", `/v1/exports/${exportId}`, { auth: "service" })).body;
      expect(waiting).toMatchObject({ status: "queued", retryAt: tomorrow.toISOString() });
      const jst = new Date(tomorrow.getTime() + 9 * 3_600_000).toISOString();
      expect(waiting.reason).toContain("1日のリクエスト数の上限");
      expect(waiting.reason).toContain(`${jst.slice(0, 10).replaceAll("-", "/")} 09:00`);
      const english = (await h.api("GET", `/v1/exports/${exportId}`, { auth: "service", language: "en" }))
        .body;
      expect(english.reason).toContain(`${tomorrow.toISOString().slice(0, 10)} 00:00 UTC`);
      const counts = (await h.api("GET", "/v1/kintone/status")).body.exports;
      expect(counts).toMatchObject({ queued: 1, deferred: 1 });
    });

    test("the next day the deferred export is taken up, and no longer says it waits", async () => {
      const { serviceToken: service, connectionKey: connection } = h.tenant;
      await h.server.close();
      await h.kintone.addFault({ status: 503, times: null });
      const tomorrow = new Date();
      tomorrow.setUTCHours(24, 1, 0, 0);
      const offset = tomorrow.getTime() - Date.now();
      // The same database and kintone, a minute into the next UTC day: a fresh budget, the job due.
      nextDay = await startHarness({
        data,
        seed: templateSeed({ customers: 0 }),
        env: { KINTONE_DAILY_LIMIT: "20" },
        server: { now: () => new Date(Date.now() + offset) },
      });
      const later = nextDay;
      const tenantId = h.tenant.tenantId;
      // Taken up, it meets a busy kintone and waits again: now for kintone, no longer for the budget.
      const retrying = await eventually(
        async () => {
          const row = await later.server.storage.exports.get(tenantId, exportId);
          return row?.status === "queued" && row.attempts > 0 ? row : undefined;
        },
        30_000,
        "the export to be tried and put back",
      );
      expect(retrying.reason).toBeNull();
      const busy = (await later.api("GET", `/v1/exports/${exportId}`, { auth: service })).body;
      expect(busy.status).toBe("queued");
      expect(busy.retryAt).toBeUndefined();
      expect(busy.reason).toBeUndefined();
      expect((await later.api("GET", "/v1/kintone/status", { auth: connection })).body.exports).toMatchObject(
        {
          queued: 1,
          deferred: 0,
        },
      );

      await h.kintone.clearFaults();
      const settled = await eventually(
        async () => {
          const row = (await later.api("GET", `/v1/exports/${exportId}`, { auth: service })).body;
          return row.status === "queued" ? undefined : row;
        },
        30_000,
        "the export to be taken up once kintone answers",
      );
      // The template holds several 佐藤 太郎, so the writer asks for a person (要確認): it was taken up.
      expect(settled.status).toBe("needs_review");
    }, 60_000);
  });
});
