import { templateSeed } from "@front-agent/kintone-emulator";
import { type Customer, customerSchema } from "@front-agent/shared";
import { afterEach, describe, expect, test } from "vitest";
import { z } from "zod";
import { kintoneForm, kintoneRecord, kintoneRecords } from "./assist-client.ts";
import { forEachDatabase, type Harness, runEnded, startHarness } from "./harness.ts";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A page of GET /v1/customers, read with the shared Customer schema. */
const customerPage = z.object({ customers: z.array(customerSchema), nextCursor: z.string().nullable() });

/** Every FA customer, page by page. */
async function directory(harness: Harness): Promise<Customer[]> {
  const customers: Customer[] = [];
  let cursor: string | null = null;
  do {
    const page = customerPage.parse(
      (
        await harness.api("GET", `/v1/customers?limit=500${cursor ? `&cursor=${cursor}` : ""}`, {
          auth: "service",
        })
      ).body,
    );
    customers.push(...page.customers);
    cursor = page.nextCursor;
  } while (cursor);
  return customers;
}

forEachDatabase((database) => {
  describe("the first import (SPEC I9)", () => {
    test("takes the 3,000 most recently updated records of the window, counting skipped ones as read", async () => {
      h = await startHarness({ database, seed: templateSeed({ customers: 3500, spreadDays: 30 }) });
      const harness = h;
      expect((await harness.api("PUT", "/v1/kintone/settings", { body: harness.settings() })).status).toBe(
        200,
      );
      const run = await runEnded(harness, 1);
      expect(run).toMatchObject({ kind: "initial", status: "succeeded", read: 3000 });
      expect(run.created + run.updated + run.skipped).toBe(3000);
      expect(run.skipped).toBeGreaterThan(0);
      // A few requests: the form, the count, six pages of 500 (side by side).
      expect(run.kintoneRequests).toBeLessThanOrEqual(10);

      const newest = await kintoneRecords(
        harness,
        harness.apps.customer,
        "order by 更新日時 desc, $id desc limit 500 offset 3000",
      );
      const excluded = new Set(newest.map((r) => String(r.$id?.value)));
      const imported = (await directory(harness)).map((c) => c.kintone?.recordId);
      expect(imported).toHaveLength(run.created);
      expect(imported.filter((id) => id && excluded.has(id))).toEqual([]);

      const issues = await harness.api("GET", `/v1/kintone/runs/${run.id}/issues`);
      expect(issues.body.issues).toHaveLength(run.skipped);
      expect(issues.body.issues[0]).toMatchObject({
        kind: "skipped",
        reason: "NO_NAME_OR_COMPANY",
        message: expect.stringMatching(/顧客名|会社名/),
      });
    });
  });

  describe("the sync (SPEC I7, I10, I11)", () => {
    test("a record updated in the same minute as the last run started is not lost", async () => {
      let now = new Date("2026-11-24T09:30:10Z");
      h = await startHarness({
        database,
        seed: templateSeed({ customers: 30, now: "2026-11-24T09:00:00Z", spreadDays: 10 }),
        server: { now: () => now },
      });
      const harness = h;
      await harness.kintone.clock({ now: "2026-11-24T09:30:10Z" });
      await harness.api("PUT", "/v1/kintone/settings", { body: harness.settings() });
      const first = await runEnded(harness, 1);
      expect(first.status).toBe("succeeded");

      // Same minute as the first run's start, after it read: kintone stores 09:30:00 for this update.
      await harness.kintone.clock({ now: "2026-11-24T09:30:40Z" });
      const put = await fetch(`${harness.emulator.url}/k/v1/record.json`, {
        method: "PUT",
        headers: { "X-Cybozu-API-Token": harness.apps.customer.token, "Content-Type": "application/json" },
        body: JSON.stringify({
          app: harness.apps.customer.appId,
          id: 1,
          record: { 部署名: { value: "同じ分に更新" } },
        }),
      });
      expect(put.status).toBe(200);

      now = new Date("2026-11-25T09:31:00Z");
      expect((await harness.api("POST", "/v1/kintone/sync", { body: { mode: "incremental" } })).status).toBe(
        202,
      );
      const second = await runEnded(harness, 2);
      expect(second).toMatchObject({ kind: "incremental", status: "succeeded", updated: 1 });
      const customer = (await directory(harness)).find((c) => c.kintone?.recordId === "1");
      expect(customer?.department).toBe("同じ分に更新");
    });

    test("a full sync unlinks (keeps) the customer of a deleted record; an edit in Front Agent is overwritten by kintone", async () => {
      h = await startHarness({ database, seed: templateSeed({ customers: 40, spreadDays: 10 }) });
      const harness = h;
      await harness.api("PUT", "/v1/kintone/settings", { body: harness.settings() });
      await runEnded(harness, 1);
      const before = await directory(harness);
      const victim = before.find((c) => c.kintone?.recordId === "2");
      const edited = before.find((c) => c.kintone?.recordId === "3");
      if (!victim || !edited) throw new Error("fixture records not imported");
      await harness.api("PATCH", `/v1/customers/${edited.id}`, {
        auth: "service",
        body: { name: "FAで変更" },
      });
      await fetch(`${harness.emulator.url}/k/v1/records.json?app=${harness.apps.customer.appId}&ids[0]=2`, {
        method: "DELETE",
        headers: { "X-Cybozu-API-Token": harness.apps.customer.token },
      });
      await fetch(`${harness.emulator.url}/k/v1/record.json`, {
        method: "PUT",
        headers: { "X-Cybozu-API-Token": harness.apps.customer.token, "Content-Type": "application/json" },
        body: JSON.stringify({
          app: harness.apps.customer.appId,
          id: 3,
          record: { 部署名: { value: "kintoneで変更" } },
        }),
      });

      expect((await harness.api("POST", "/v1/kintone/sync", { body: { mode: "full" } })).status).toBe(202);
      const full = await runEnded(harness, 2);
      expect(full).toMatchObject({ kind: "full", status: "succeeded" });
      const after = await directory(harness);
      expect(after).toHaveLength(before.length);
      const gone = after.find((c) => c.id === victim.id);
      expect(gone).toMatchObject({ kintone: null, unlinked: { reason: "deleted_in_kintone" } });
      expect(after.find((c) => c.id === edited.id)).toMatchObject({
        name: before.find((c) => c.id === edited.id)?.name,
      });
      expect(new Set(after.map((c) => c.kintone?.recordId).filter(Boolean)).size).toBe(
        after.filter((c) => c.kintone).length,
      );
    });

    test("an unlinked FA customer with the same name and company is linked, not duplicated (I7)", async () => {
      h = await startHarness({ database, seed: templateSeed({ customers: 10, spreadDays: 10 }) });
      const harness = h;
      const record = await kintoneRecord(harness, harness.apps.customer, "1");
      const name = String(record.顧客名?.value);
      const made = await harness.api("POST", "/v1/customers", {
        auth: "service",
        body: {
          name: `  ${name}  `,
          company: String(record.会社名?.value).normalize("NFKC").replace("(株)", "(株)"),
        },
      });
      expect(made.status).toBe(201);
      await harness.api("PUT", "/v1/kintone/settings", { body: harness.settings() });
      await runEnded(harness, 1);
      const linked = await harness.api("GET", `/v1/customers/${made.body.id}`, { auth: "service" });
      expect(linked.body.kintone).toMatchObject({ recordId: "1", recordNumber: "1" });
      expect((await directory(harness)).filter((c) => c.name === name)).toHaveLength(1);
    });

    test("the scheduler starts an incremental sync once the interval has passed", async () => {
      let now = new Date();
      h = await startHarness({
        database,
        seed: templateSeed({ customers: 20, spreadDays: 10 }),
        server: { now: () => now },
        env: { SCHEDULER_TICK_MS: "100" },
      });
      const harness = h;
      await harness.api("PUT", "/v1/kintone/settings", {
        body: harness.settings((s) => (s.options.syncIntervalHours = 1)),
      });
      await runEnded(harness, 1);
      const status = await harness.api("GET", "/v1/kintone/status");
      expect(Date.parse(status.body.nextSyncAt) - Date.parse(status.body.runs[0].startedAt)).toBe(3_600_000);
      await new Promise((r) => setTimeout(r, 300));
      expect((await harness.api("GET", "/v1/kintone/status")).body.runs).toHaveLength(1);
      now = new Date(now.getTime() + 3_600_000 + 1000);
      const second = await runEnded(harness, 2);
      expect(second).toMatchObject({ kind: "incremental", status: "succeeded" });
    });

    test("a second sync while one runs → 409; a sync before any settings → 404", async () => {
      h = await startHarness({ database, seed: templateSeed({ customers: 2000 }) });
      const harness = h;
      expect((await harness.api("POST", "/v1/kintone/sync", { body: { mode: "full" } })).status).toBe(404);
      await harness.kintone.settings({ latencyMs: 100 });
      await harness.api("PUT", "/v1/kintone/settings", { body: harness.settings() });
      const busy = await harness.api("POST", "/v1/kintone/sync", { body: { mode: "full" } });
      expect(busy.status).toBe(409);
      expect(busy.body.error).toMatchObject({
        code: "IMPORT_ALREADY_RUNNING",
        details: { runId: expect.any(String) },
      });
      await harness.kintone.settings({ latencyMs: 0 });
      await runEnded(harness, 1);
    });
  });

  describe("the record → customer rules over HTTP (SPEC I5)", () => {
    test("a multi-line 住所 is imported whole, its lines joined by spaces, not cut to its first line", async () => {
      h = await startHarness({ database, seed: templateSeed({ customers: 5, spreadDays: 10 }) });
      const harness = h;
      const appId = harness.apps.customer.appId;
      const form = await kintoneForm(harness, harness.apps.customer);
      // The template's 住所 is one line; many customer apps keep the address in a multi-line text.
      await harness.kintone.setForm(appId, {
        ...form,
        住所: { ...form.住所, type: "MULTI_LINE_TEXT" },
      } as never);
      const { ids } = await harness.kintone.addRecords(appId, [
        {
          顧客名: { value: "住所 複数行" },
          会社名: { value: "株式会社複数行" },
          住所: { value: "〒100-0001\n東京都千代田区千代田1-1\nサンプルビル5F" },
        },
      ]);
      expect((await harness.api("PUT", "/v1/kintone/settings", { body: harness.settings() })).status).toBe(
        200,
      );
      expect(await runEnded(harness, 1)).toMatchObject({ status: "succeeded" });
      const page = await harness.api("GET", `/v1/customers?q=${encodeURIComponent("株式会社複数行")}`, {
        auth: "service",
      });
      expect(page.body.customers).toEqual([
        expect.objectContaining({
          name: "住所 複数行",
          address: "〒100-0001 東京都千代田区千代田1-1 サンプルビル5F",
          kintone: expect.objectContaining({ recordId: ids[0] }),
        }),
      ]);
    });
  });
});
