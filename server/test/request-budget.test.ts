import { templateSeed } from "@front-agent/kintone-emulator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { assistClient } from "./assist-client.ts";
import { eventually, type Harness, startHarness } from "./harness.ts";

let h: Harness;
beforeAll(async () => {
  // A limit of 20 requests a day: the first import and the 診断 use up the backend's share (16) quickly.
  h = await startHarness({ seed: templateSeed({ customers: 10 }), env: { KINTONE_DAILY_LIMIT: "20" } });
  expect((await h.api("PUT", "/v1/kintone/settings", { body: h.settings() })).status).toBe(200);
  await eventually(async () =>
    (await h.api("GET", "/v1/kintone/status")).body.runs[0]?.status === "succeeded" ? true : undefined,
  );
});
afterAll(() => h.close());

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
    const { exportId } = accepted.body;
    // The job ran and put itself back for tomorrow: the export is still queued and kintone was not asked.
    await eventually(async () => {
      const jobs = await h.server.storage.jobs.pending(h.tenant.tenantId, "export");
      return jobs.length === 1 && jobs[0]?.status === "queued" && jobs[0].attempts > 0 ? jobs[0] : undefined;
    });
    const job = (await h.server.storage.jobs.pending(h.tenant.tenantId, "export"))[0];
    const tomorrow = new Date();
    tomorrow.setUTCHours(24, 0, 0, 0);
    expect(job?.runAt).toBe(tomorrow.toISOString());
    expect((await h.api("GET", `/v1/exports/${exportId}`, { auth: "service" })).body.status).toBe("queued");
    expect((await h.kintone.stats()).total).toBe(before);
  });
});
