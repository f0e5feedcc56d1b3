import { type FieldProperties, templateSeed } from "@front-agent/kintone-emulator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { assistClient, kintoneCount, kintoneForm, kintoneRecord, kintoneRecords } from "./assist-client.ts";
import { forEachDatabase, type Harness, newestRunSucceeded, startHarness } from "./harness.ts";

// Also on PostgreSQL (issue 14): the same HTTP answers whichever database the backend runs on.
forEachDatabase((database) => {
  let h: Harness;
  let fa: ReturnType<typeof assistClient>;
  /** A customer the seed holds once, by name and company: events for it are written to that record. */
  let known = { name: "", company: "" };

  beforeAll(async () => {
    h = await startHarness({ database, seed: templateSeed({ customers: 30, spreadDays: 10 }) });
    await h.api("PUT", "/v1/kintone/settings", {
      body: h.settings((s) => (s.userMappings = [{ frontAgentUserId: "u-1", kintoneUserCode: "yamada" }])),
    });
    await newestRunSucceeded(h);
    const [first] = await kintoneRecords(
      h,
      h.apps.customer,
      '顧客名 != "" and 会社名 != "" order by $id asc limit 1',
    );
    known = { name: String(first?.顧客名?.value ?? ""), company: String(first?.会社名?.value ?? "") };
    fa = assistClient(h, {
      base: () => ({
        customer: { id: null, ...known },
        minutes: { summary: "要約です。", body: "本文です。" },
      }),
    });
  });
  afterAll(() => h.close());

  const activity = (id: string) => kintoneRecord(h, h.apps.activity, id);
  const activityCount = (query?: string) => kintoneCount(h, h.apps.activity, query);

  describe("POST /v1/events/assist", () => {
    test("a signed event is accepted (202) and written once as API.md describes, the lookup filled by kintone", async () => {
      const event = fa.event();
      const accepted = await fa.send(event);
      expect(accepted).toMatchObject({ status: 202, body: { status: "queued" } });
      const done = await fa.settled(accepted.body.exportId);
      expect(done).toMatchObject({
        status: "written",
        eventId: event.eventId,
        kintoneRecordId: expect.any(String),
        customerId: expect.any(String),
      });
      const record = await activity(done.kintoneRecordId);
      expect(record.顧客名?.value).toBe(known.name);
      expect(record.会社名?.value).toBe(known.company);
      expect(record.担当者?.value).toEqual([{ code: "yamada", name: "山田 太郎" }]);
      expect(record.作成者?.value).toEqual({ code: "yamada", name: "山田 太郎" });
      expect(record.件名?.value).toBe(event.meeting.title);
      expect(record.対応日時?.value).toBe("2026-11-24T09:00:00Z");
      expect(record.議事録?.value).toBe("要約です。\n\n本文です。");
      expect(record.FrontAgentリンク?.value).toBe(event.meeting.url);
      expect(record.FrontAgentイベントID?.value).toBe(event.eventId);

      const again = await fa.send(event);
      expect(again).toMatchObject({
        status: 200,
        body: { exportId: accepted.body.exportId, status: "written" },
      });
      expect(await activityCount(`FrontAgentイベントID = "${event.eventId}"`)).toBe(1);
    });

    test.each([
      ["a wrong secret", { secret: "fa_wh_wrong" }],
      ["a signature older than 5 minutes", { at: Math.floor(Date.now() / 1000) - 301 }],
    ])("%s → 403 SIGNATURE_INVALID, nothing stored", async (_name, options) => {
      const res = await fa.send(fa.event(), options);
      expect(res).toMatchObject({ status: 403, body: { error: { code: "SIGNATURE_INVALID" } } });
    });

    test("malformed JSON → 400, a schema error → 422, over 1 MiB → 413, a connection key instead of the service token → 401", async () => {
      expect((await fa.send(null, { raw: "{not json" })).status).toBe(400);
      expect((await fa.send(fa.event({ meeting: { title: "x" } }))).status).toBe(422);
      expect(
        (await fa.send(fa.event({ minutes: { summary: "", body: "x".repeat(1_100_000) } }))).status,
      ).toBe(413);
      const res = await h.api("POST", "/v1/events/assist", { auth: "connection", body: {} });
      expect(res.status).toBe(401);
    });
  });

  describe("customers and users (SPEC E3, E4)", () => {
    test("no match and auto-register on: the customer is created in the customer app, linked, then the minutes written", async () => {
      const accepted = await fa.send(
        fa.event({ customer: { id: null, name: "新規 顧客", company: "株式会社新規" } }),
      );
      const done = await fa.settled(accepted.body.exportId);
      expect(done.status).toBe("written");
      const customer = await h.api("GET", `/v1/customers/${done.customerId}`, { auth: "service" });
      expect(customer.body).toMatchObject({
        name: "新規 顧客",
        company: "株式会社新規",
        kintone: { recordId: expect.any(String) },
      });
      expect((await activity(done.kintoneRecordId)).顧客名?.value).toBe("新規 顧客");
    });

    test("an unmapped Front Agent user with an optional 担当者: written with 担当者 empty and a warning", async () => {
      const accepted = await fa.send(
        fa.event({ user: { id: "u-unmapped", name: "未設定 ユーザー", email: "x@example.com" } }),
      );
      const done = await fa.settled(accepted.body.exportId);
      expect(done).toMatchObject({ status: "written", reason: expect.stringMatching(/ユーザー連携/) });
      expect((await activity(done.kintoneRecordId)).担当者?.value).toEqual([]);
    });

    test("the same event twice at once writes one record", async () => {
      const event = fa.event();
      const [a, b] = await Promise.all([fa.send(event), fa.send(event)]);
      expect([a.status, b.status].sort()).toEqual([200, 202]);
      expect(a.body.exportId).toBe(b.body.exportId);
      await fa.settled(a.body.exportId);
      expect(await activityCount(`FrontAgentイベントID = "${event.eventId}"`)).toBe(1);
    });

    test("kintone answering 503 to the next writes: retried with back-off, written exactly once", async () => {
      await h.kintone.addFault({ status: 503, path: "/k/v1/record.json", method: "POST", times: 2 });
      const event = fa.event();
      const accepted = await fa.send(event);
      const done = await fa.reached(accepted.body.exportId, "written", 30_000);
      expect(done.kintoneRecordId).toEqual(expect.any(String));
      expect(await activityCount(`FrontAgentイベントID = "${event.eventId}"`)).toBe(1);
      // Both injected 503s were met (and retried), not skipped.
      const faults = (await (await fetch(`${h.emulator.url}/__emulator/faults`)).json()) as {
        faults: unknown[];
      };
      expect(faults.faults).toEqual([]);
      expect(
        (await h.api("POST", `/v1/exports/${accepted.body.exportId}/retry`, { auth: "service" })).status,
      ).toBe(409);
    });
  });

  describe("waiting exports (SPEC E3, E4)", () => {
    test("several candidates → needs_review with the customer to link; linking it writes the minutes", async () => {
      await h.kintone.addRecords(h.apps.customer.appId, [
        { 顧客名: { value: "重複 太郎" }, 会社名: { value: "株式会社重複" } },
        { 顧客名: { value: "重複太郎" }, 会社名: { value: "(株)重複" } },
      ]);
      const accepted = await fa.send(
        fa.event({ customer: { id: null, name: "重複 太郎", company: "㈱重複" } }),
      );
      const waiting = await fa.settled(accepted.body.exportId);
      expect(waiting).toMatchObject({
        status: "needs_review",
        customerId: expect.any(String),
        reason: expect.stringMatching(/CRM候補検索|候補/),
      });
      const records = await kintoneRecords(h, h.apps.customer, '顧客名 = "重複太郎"');
      const chosen = records[0]?.$id?.value;
      const linked = await h.api("PUT", `/v1/customers/${waiting.customerId}/kintone-link`, {
        auth: "service",
        body: { recordId: chosen },
      });
      expect(linked).toMatchObject({ status: 200, body: { kintone: { recordId: chosen } } });
      const done = await fa.settled(accepted.body.exportId);
      expect(done.status).toBe("written");
      expect((await activity(done.kintoneRecordId)).顧客名?.value).toBe("重複太郎");
    });

    test("a required 担当者 and an unmapped user → failed with the reason; mapping the user sends it again", async () => {
      const fields = await kintoneForm(h, h.apps.activity);
      const required = { ...fields, 担当者: { ...fields.担当者, required: true } };
      await h.kintone.setForm(h.apps.activity.appId, required as never);
      try {
        const accepted = await fa.send(
          fa.event({ user: { id: "u-late", name: "後で 設定", email: "late@example.com" } }),
        );
        const failed = await fa.settled(accepted.body.exportId);
        expect(failed).toMatchObject({ status: "failed", reason: expect.stringMatching(/ユーザー連携/) });
        const saved = await h.resave((s) => {
          s.userMappings = [
            { frontAgentUserId: "u-1", kintoneUserCode: "yamada" },
            { frontAgentUserId: "u-late", kintoneUserCode: "sato" },
          ];
        });
        expect(saved.status).toBe(200);
        const done = await fa.reached(accepted.body.exportId, "written");
        expect((await activity(done.kintoneRecordId)).担当者?.value).toEqual([
          { code: "sato", name: "佐藤 花子" },
        ]);
      } finally {
        await h.kintone.setForm(h.apps.activity.appId, fields as never);
      }
    });

    test("no match and auto-register off: nothing is written, the export is skipped with the reason", async () => {
      await h.resave((s) => {
        s.options.autoRegister = false;
        s.userMappings = [{ frontAgentUserId: "u-1", kintoneUserCode: "yamada" }];
      });
      const before = await activityCount();
      const accepted = await fa.send(
        fa.event({ customer: { id: null, name: "誰も 知らない", company: "存在しない株式会社" } }),
      );
      const done = await fa.settled(accepted.body.exportId);
      expect(done).toMatchObject({
        status: "skipped",
        reason: expect.stringMatching(/自動登録|見つかりません|顧客/),
      });
      expect(await activityCount()).toBe(before);
      const status = await h.api("GET", "/v1/kintone/status");
      expect(status.body.exports.skipped).toBeGreaterThanOrEqual(1);
      expect(status.body.exports.written).toBeGreaterThanOrEqual(5);
    });
  });

  describe("customer link off, and unlinking", () => {
    test("link off: the company and name text fields are written instead of the lookup", async () => {
      // Plain text fields: 顧客名/会社名 of the template are the lookup's copy targets, which kintone ignores writes to.
      const fields = await kintoneForm(h, h.apps.activity);
      await h.kintone.setForm(h.apps.activity.appId, {
        ...(fields as FieldProperties),
        取引先名: { type: "SINGLE_LINE_TEXT", code: "取引先名", label: "取引先名" },
        面談相手: { type: "SINGLE_LINE_TEXT", code: "面談相手", label: "面談相手" },
      });
      const saved = await h.resave((s) => {
        s.activityApp.customerLink = false;
        s.activityApp.fields.customerLookup = null;
        s.activityApp.fields.company = "取引先名";
        s.activityApp.fields.name = "面談相手";
        s.userMappings = [{ frontAgentUserId: "u-1", kintoneUserCode: "yamada" }];
      });
      expect(saved.status).toBe(200);
      const accepted = await fa.send(fa.event());
      const done = await fa.settled(accepted.body.exportId);
      expect(done.status).toBe("written");
      const record = await activity(done.kintoneRecordId);
      expect(record.面談相手?.value).toBe(known.name);
      expect(record.取引先名?.value).toBe(known.company);
      expect(record.顧客レコード番号?.value).toBe("");
    });

    test("DELETE kintone-link unlinks the customer (kept, marked manual); the record-view button then answers 404", async () => {
      const customers = await h.api("GET", "/v1/customers?limit=500", { auth: "service" });
      const linked = customers.body.customers.find((c: { kintone: unknown }) => c.kintone);
      const recordId = linked.kintone.recordId;
      expect((await h.api("GET", `/v1/kintone/customer-link?recordId=${recordId}`)).status).toBe(200);
      const res = await h.api("DELETE", `/v1/customers/${linked.id}/kintone-link`, { auth: "service" });
      expect(res).toMatchObject({
        status: 200,
        body: { id: linked.id, kintone: null, unlinked: { reason: "manual" } },
      });
      expect((await h.api("GET", `/v1/kintone/customer-link?recordId=${recordId}`)).status).toBe(404);
    });
  });
});
