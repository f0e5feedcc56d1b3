import { templateSeed } from "@front-agent/kintone-emulator";
import { type AdminExport, adminExportSchema } from "@front-agent/shared";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { z } from "zod";
import { assistClient, kintoneCount, kintoneForm, kintoneRecord } from "./assist-client.ts";
import { forEachDatabase, type Harness, newestRunSucceeded, startHarness } from "./harness.ts";

// Issue 15, part 1: the administrator sees each meeting's minutes on the plug-in's config screen — what was
// written where, why the rest was not and what to do — and acts on them with the connection key: 再送, and
// for a 要確認 export the candidates and the link. Real backend over HTTP, emulator, both databases.
let h: Harness;
let fa: ReturnType<typeof assistClient>;
let recordKey: string;

async function addCustomer(name: string, company: string): Promise<string> {
  const { ids } = await h.kintone.addRecords(h.apps.customer.appId, [
    { 顧客名: { value: name }, 会社名: { value: company } },
  ]);
  return ids[0] ?? "";
}

/** Every export of the tenant, through the administrator's list (one page of 100). */
async function listed(query = ""): Promise<AdminExport[]> {
  const res = await h.api("GET", `/v1/kintone/exports?limit=100${query}`);
  expect(res.status).toBe(200);
  return res.body.exports;
}

async function listedOne(exportId: string, language?: "ja" | "en"): Promise<AdminExport | undefined> {
  const res = await h.api("GET", "/v1/kintone/exports?limit=100", language ? { language } : {});
  return res.body.exports.find((e: AdminExport) => e.exportId === exportId);
}

/** The published AdminExport with every object strict: an answer holding a key it does not name fails. */
const publishedExport = z.strictObject({
  ...adminExportSchema.shape,
  user: z.strictObject(adminExportSchema.shape.user.shape),
  customer: z.strictObject(adminExportSchema.shape.customer.shape),
});

const activityCount = (eventId: string) =>
  kintoneCount(h, h.apps.activity, `FrontAgentイベントID = "${eventId}"`);

/** A 要確認 export: two customer records of one normalized name + company, and an event naming it. */
async function exportInReview(name: string, company: string) {
  const first = await addCustomer(name, company);
  const second = await addCustomer(name.replace(" ", ""), `(株)${company}`);
  const event = fa.event({ customer: { id: null, name, company: `${company}株式会社` } });
  const accepted = await fa.send(event);
  const waiting = await fa.settled(accepted.body.exportId);
  expect(waiting.status).toBe("needs_review");
  return { exportId: accepted.body.exportId as string, event, first, second, customerId: waiting.customerId };
}

forEachDatabase((database) => {
  beforeAll(async () => {
    h = await startHarness({ database, seed: templateSeed({ customers: 10, spreadDays: 10 }) });
    fa = assistClient(h, { prefix: "adm" });
    const saved = await h.api("PUT", "/v1/kintone/settings", {
      body: h.settings((s) => (s.userMappings = [{ frontAgentUserId: "u-1", kintoneUserCode: "yamada" }])),
    });
    expect(saved.status).toBe(200);
    recordKey = saved.body.recordKey;
    await newestRunSucceeded(h);
  });
  afterAll(() => h.close());

  describe("the administrator's authority only", () => {
    test.each([
      ["GET", "/v1/kintone/exports"],
      ["POST", "/v1/kintone/exports/x/retry"],
      ["GET", "/v1/kintone/exports/x/candidates"],
      ["PUT", "/v1/kintone/exports/x/link"],
    ])(
      "%s %s → 401 with Front Agent's service token, a record page's key, or nothing",
      async (method, path) => {
        const body = method === "PUT" ? { recordId: "1" } : undefined;
        for (const auth of ["service", recordKey, "none"]) {
          const res = await h.api(method, path, { auth, body });
          expect(res).toMatchObject({ status: 401, body: { error: { code: "UNAUTHORIZED" } } });
        }
      },
    );
  });

  describe("GET /v1/kintone/exports", () => {
    test("newest first, paged by cursor without duplicates or gaps; each names the meeting, user, customer and record", async () => {
      const known = await addCustomer("一覧 太郎", "一覧商事");
      const sent = [];
      for (let i = 0; i < 5; i++) {
        const event = fa.event({ customer: { id: null, name: "一覧 太郎", company: "一覧商事" } });
        sent.push({ event, exportId: (await fa.send(event)).body.exportId as string });
      }
      for (const { exportId } of sent) expect((await fa.settled(exportId)).status).toBe("written");

      const all = await listed();
      const order = [...all].sort((a, b) =>
        a.createdAt === b.createdAt
          ? b.exportId.localeCompare(a.exportId)
          : b.createdAt.localeCompare(a.createdAt),
      );
      expect(all.map((e) => e.exportId)).toEqual(order.map((e) => e.exportId));
      expect(all.map((e) => e.exportId)).toEqual(expect.arrayContaining(sent.map((s) => s.exportId)));

      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await h.api("GET", `/v1/kintone/exports?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
        expect(page.status).toBe(200);
        expect(page.body.exports.length).toBeLessThanOrEqual(2);
        paged.push(...page.body.exports.map((e: AdminExport) => e.exportId));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(paged).toEqual(all.map((e) => e.exportId));

      const last = sent.at(-1);
      const view = all.find((e) => e.exportId === last?.exportId);
      expect(view).toEqual({
        exportId: last?.exportId,
        eventId: last?.event.eventId,
        title: last?.event.meeting.title,
        startedAt: "2026-11-24T09:00:00Z",
        user: { id: "u-1", name: "山田 太郎" },
        customer: { id: expect.any(String), name: "一覧 太郎", company: "一覧商事" },
        status: "written",
        kintoneRecordId: expect.any(String),
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      // The record the plug-in links to (/k/<activityAppId>/show#record=<id>) is this meeting's.
      const record = await kintoneRecord(h, h.apps.activity, view?.kintoneRecordId ?? "");
      expect(record.FrontAgentイベントID?.value).toBe(last?.event.eventId);
      expect(record.顧客レコード番号?.value).toBe(known);
    });

    test("a status keeps only those exports", async () => {
      const written = await listed("&status=written");
      expect(written.length).toBeGreaterThan(0);
      expect(written.every((e) => e.status === "written")).toBe(true);
      expect(await listed("&status=skipped")).toEqual((await listed()).filter((e) => e.status === "skipped"));
    });

    test.each([
      ["an unknown status", "status=done", "status"],
      ["limit 0", "limit=0", "limit"],
      ["limit over 100", "limit=101", "limit"],
      ["a limit that is no number", "limit=many", "limit"],
      ["a cursor this API never gave", "cursor=garbage", "cursor"],
      [
        "the customer list's cursor",
        `cursor=${Buffer.from(JSON.stringify({ after: "x" })).toString("base64url")}`,
        "cursor",
      ],
    ])("%s → 400 VALIDATION_FAILED naming the parameter", async (_name, query, path) => {
      const res = await h.api("GET", `/v1/kintone/exports?${query}`);
      expect(res).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED" } } });
      expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toContain(path);
    });
  });

  describe("the published contract", () => {
    test("every listed export holds exactly what the published AdminExport names", async () => {
      const all = await listed();
      expect(all.length).toBeGreaterThan(0);
      for (const view of all) {
        const parsed = publishedExport.safeParse(view);
        expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
      }
    });

    test("GET /openapi.json publishes the four paths and the list's query parameters", async () => {
      const doc = (await h.api("GET", "/openapi.json", { auth: "none" })).body;
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          "/v1/kintone/exports",
          "/v1/kintone/exports/{id}/retry",
          "/v1/kintone/exports/{id}/candidates",
          "/v1/kintone/exports/{id}/link",
        ]),
      );
      const list = doc.paths["/v1/kintone/exports"].get;
      expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(["status", "limit", "cursor"]);
      expect(list.security).toEqual([{ connectionKey: [] }]);
    });
  });

  describe("POST /v1/kintone/exports/{id}/retry (再送)", () => {
    test("a failed export says why and what to do; once the activity app is fixed, 再送 writes it exactly once", async () => {
      const fields = await kintoneForm(h, h.apps.activity);
      await h.kintone.setForm(h.apps.activity.appId, {
        ...fields,
        確認者: { type: "SINGLE_LINE_TEXT", code: "確認者", label: "確認者", required: true },
      } as never);
      await addCustomer("再送 三郎", "再送商事");
      const event = fa.event({ customer: { id: null, name: "再送 三郎", company: "再送商事" } });
      const accepted = await fa.send(event);
      try {
        expect((await fa.settled(accepted.body.exportId)).status).toBe("failed");
      } finally {
        await h.kintone.setForm(h.apps.activity.appId, fields as never);
      }
      const failed = await listedOne(accepted.body.exportId);
      expect(failed).toMatchObject({
        status: "failed",
        reason: expect.stringMatching(
          /^kintone が活動履歴アプリへのレコードの追加を受け付けませんでした（CB_VA01: .*確認者/,
        ),
        fix: expect.stringContaining("再送してください"),
      });
      expect((await listed("&status=failed")).map((e) => e.exportId)).toContain(accepted.body.exportId);
      expect((await listedOne(accepted.body.exportId, "en"))?.fix).toMatch(/then retry\.$/);

      const retried = await h.api("POST", `/v1/kintone/exports/${accepted.body.exportId}/retry`);
      expect(retried).toMatchObject({
        status: 202,
        body: { exportId: accepted.body.exportId, status: "queued" },
      });
      const done = await fa.reached(accepted.body.exportId, "written");
      expect(await activityCount(event.eventId)).toBe(1);
      const view = await listedOne(accepted.body.exportId);
      expect(view).toMatchObject({ status: "written", kintoneRecordId: done.kintoneRecordId });
      expect(view).not.toHaveProperty("reason");

      // Written: 再送 is refused and writes nothing more.
      const again = await h.api("POST", `/v1/kintone/exports/${accepted.body.exportId}/retry`);
      expect(again).toMatchObject({ status: 409, body: { error: { code: "EXPORT_ALREADY_WRITTEN" } } });
      expect(await activityCount(event.eventId)).toBe(1);
    });

    test("an unknown export → 404 EXPORT_NOT_FOUND", async () => {
      const res = await h.api("POST", "/v1/kintone/exports/no-such-export/retry");
      expect(res).toMatchObject({ status: 404, body: { error: { code: "EXPORT_NOT_FOUND" } } });
    });
  });

  describe("a 要確認 export: candidates, then the link", () => {
    test("the candidates are both records; linking one writes the minutes there, and the export is no longer in review", async () => {
      const review = await exportInReview("重複 花子", "重複商事");
      const listedReview = await listed("&status=needs_review");
      const view = listedReview.find((e) => e.exportId === review.exportId);
      expect(view?.reason).toContain(review.first);
      expect(view?.reason).toContain(review.second);
      expect(view).toMatchObject({
        customer: { id: review.customerId, name: "重複 花子" },
        reason: expect.stringMatching(
          /^顧客管理アプリに、この顧客に当てはまりそうなレコードが複数あります（レコード番号 \d+, \d+）/,
        ),
        fix: "下の候補から正しい顧客レコードを選んで連携すると、書き込まれます。",
      });

      const found = await h.api("GET", `/v1/kintone/exports/${review.exportId}/candidates`);
      expect(found.status).toBe(200);
      expect(found.body.customer).toEqual({
        id: review.customerId,
        name: "重複 花子",
        company: expect.any(String),
      });
      const exact = found.body.candidates.filter((c: { score: number }) => c.score === 1);
      expect(exact.map((c: { recordId: string }) => c.recordId).sort()).toEqual(
        [review.first, review.second].sort(),
      );
      expect(found.body.candidates[0]).toMatchObject({ score: 1, recordNumber: expect.any(String) });

      // A record that does not exist: 404, and the export still waits.
      const missing = await h.api("PUT", `/v1/kintone/exports/${review.exportId}/link`, {
        body: { recordId: "999999" },
      });
      expect(missing).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
      expect(
        (await h.api("PUT", `/v1/kintone/exports/${review.exportId}/link`, { body: { recordId: "x" } }))
          .status,
      ).toBe(422);
      expect((await listedOne(review.exportId))?.status).toBe("needs_review");

      const linked = await h.api("PUT", `/v1/kintone/exports/${review.exportId}/link`, {
        body: { recordId: review.second },
      });
      expect(linked.status).toBe(200);
      expect(linked.body.export).toMatchObject({
        exportId: review.exportId,
        status: "queued",
        customer: { id: review.customerId },
      });
      const done = await fa.reached(review.exportId, "written");
      const record = await kintoneRecord(h, h.apps.activity, done.kintoneRecordId);
      expect(record.顧客レコード番号?.value).toBe(review.second);
      expect(await activityCount(review.event.eventId)).toBe(1);
      const customer = await h.api("GET", `/v1/customers/${review.customerId}`, { auth: "service" });
      expect(customer.body.kintone).toMatchObject({ recordId: review.second });

      for (const [method, path, body] of [
        ["GET", `/v1/kintone/exports/${review.exportId}/candidates`, undefined],
        ["PUT", `/v1/kintone/exports/${review.exportId}/link`, { recordId: review.first }],
      ] as const) {
        const res = await h.api(method, path, { body });
        expect(res).toMatchObject({ status: 409, body: { error: { code: "EXPORT_NOT_IN_REVIEW" } } });
        expect(res.body.error.message).toContain("要確認");
      }
      expect(await activityCount(review.event.eventId)).toBe(1);
    });

    test("a record another FA customer holds: the export moves to that customer and is written there; its own customer stays unlinked", async () => {
      const review = await exportInReview("二重 次郎", "二重物産");
      const holder = await h.api("POST", "/v1/customers", {
        auth: "service",
        body: { name: "二重 次郎（本社）", company: "二重物産" },
      });
      const held = await h.api("PUT", `/v1/customers/${holder.body.id}/kintone-link`, {
        auth: "service",
        body: { recordId: review.first },
      });
      expect(held.status).toBe(200);

      const linked = await h.api("PUT", `/v1/kintone/exports/${review.exportId}/link`, {
        body: { recordId: review.first },
        language: "en",
      });
      expect(linked.status).toBe(200);
      expect(linked.body.export).toMatchObject({
        status: "queued",
        customer: { id: holder.body.id, name: "二重 次郎（本社）", company: "二重物産" },
      });
      const done = await fa.reached(review.exportId, "written");
      expect(done.customerId).toBe(holder.body.id);
      expect((await kintoneRecord(h, h.apps.activity, done.kintoneRecordId)).顧客レコード番号?.value).toBe(
        review.first,
      );
      const own = await h.api("GET", `/v1/customers/${review.customerId}`, { auth: "service" });
      expect(own.body.kintone).toBeNull();
      expect(await activityCount(review.event.eventId)).toBe(1);
    });

    test("an unknown export → 404 EXPORT_NOT_FOUND for the candidates and the link", async () => {
      for (const [method, path] of [
        ["GET", "/v1/kintone/exports/no-such-export/candidates"],
        ["PUT", "/v1/kintone/exports/no-such-export/link"],
      ] as const) {
        const res = await h.api(method, path, method === "PUT" ? { body: { recordId: "1" } } : {});
        expect(res).toMatchObject({ status: 404, body: { error: { code: "EXPORT_NOT_FOUND" } } });
      }
    });
  });
});
