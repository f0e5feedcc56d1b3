import { templateSeed } from "@front-agent/kintone-emulator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { assistClient, kintoneRecords } from "./assist-client.ts";
import { eventually, forEachDatabase, type Harness, newestRunSucceeded, startHarness } from "./harness.ts";

// Issue 11: matching and registration never overwrite, duplicate or misfile a customer's kintone records.
// One matching path (docs/matching.md) for exports, auto-registration and CRM候補検索, over HTTP against the
// emulator with a real SQLite file.
let h: Harness;
let fa: ReturnType<typeof assistClient>;

const customers = (query: string) => kintoneRecords(h, h.apps.customer, query);
const activities = (query: string) => kintoneRecords(h, h.apps.activity, query);

async function addCustomer(name: string, company: string): Promise<string> {
  const { ids } = await h.kintone.addRecords(h.apps.customer.appId, [
    { 顧客名: { value: name }, 会社名: { value: company } },
  ]);
  return ids[0] ?? "";
}

forEachDatabase((database) => {
  beforeAll(async () => {
    h = await startHarness({ database, seed: templateSeed({ customers: 12, spreadDays: 10 }) });
    fa = assistClient(h);
    await h.api("PUT", "/v1/kintone/settings", {
      body: h.settings((s) => (s.userMappings = [{ frontAgentUserId: "u-1", kintoneUserCode: "yamada" }])),
    });
    await newestRunSucceeded(h);
  });
  afterAll(() => h.close());

  describe("auto-registration only ever adds (issue 11 #1)", () => {
    test.each([
      ["auto-register on", true],
      ["auto-register off", false],
    ])("同名 at another company, %s → 要確認 naming the record, which is left as it was", async (_, on) => {
      const name = `同名 太郎${on ? "" : "二"}`;
      const recordId = await addCustomer(name, "A商事");
      await h.resave((s) => {
        s.options.autoRegister = on;
        s.userMappings = [{ frontAgentUserId: "u-1", kintoneUserCode: "yamada" }];
      });
      const event = fa.event({ customer: { id: null, name, company: "B物産" } });
      const done = await fa.settled((await fa.send(event)).body.exportId);
      expect(done).toMatchObject({ status: "needs_review", customerId: expect.any(String) });
      expect(done.reason).toContain("A商事");
      expect(done.reason).toContain(`レコード番号 ${recordId}`);
      const [held, ...more] = await customers(`顧客名 = "${name}"`);
      expect(more).toEqual([]);
      expect(held).toMatchObject({ $revision: { value: "1" }, 会社名: { value: "A商事" } });
      expect(await activities(`FrontAgentイベントID = "${event.eventId}"`)).toEqual([]);
    });
  });

  describe("one matching path for export, registration and CRM候補検索 (issue 11 #2)", () => {
    test.each([
      ["a space in kintone's name", ["新規 顧客", "新規商事"], ["新規顧客", "新規商事"]],
      [
        "an ideographic space against a half-width one",
        ["全角\u3000空白", "空白商事"],
        ["全角 空白", "空白商事"],
      ],
      ["株式会社 against ㈱", ["法人 格", "株式会社法人格"], ["法人 格", "㈱法人格"]],
      ["half-width kana against full-width", ["カナ タロウ", "カナ商事"], ["ｶﾅ ﾀﾛｳ", "ｶﾅ商事"]],
      ["Latin case and a legal form", ["Jane Doe", "Sample Trading Inc."], ["JANE DOE", "sample trading"]],
    ])(
      "%s: the export writes to the record kintone holds, and CRM候補検索 scores it 1",
      async (_, held, sent) => {
        const [heldName, heldCompany] = held as [string, string];
        const [name, company] = sent as [string, string];
        await h.resave((s) => {
          s.userMappings = [{ frontAgentUserId: "u-1", kintoneUserCode: "yamada" }];
        });
        // Added after the first import: the import never took it, the candidate source still has it.
        const recordId = await addCustomer(heldName, heldCompany);
        const before = (await customers("limit 500")).length;

        const done = await fa.settled(
          (await fa.send(fa.event({ customer: { id: null, name, company } }))).body.exportId,
        );
        expect(done.status).toBe("written");
        const [written] = await activities(`$id = ${done.kintoneRecordId}`);
        expect(written?.顧客レコード番号?.value).toBe(recordId);
        expect((await customers("limit 500")).length).toBe(before);

        const search = await h.api(
          "GET",
          `/v1/crm-candidates?name=${encodeURIComponent(name)}&company=${encodeURIComponent(company)}`,
          { auth: "service" },
        );
        const exact = search.body.candidates.filter((c: { score: number }) => c.score === 1);
        expect(exact.map((c: { recordId: string }) => c.recordId)).toEqual([recordId]);
      },
    );

    test("two records of one normalized name+company → 要確認; CRM候補検索 offers both at 1; linking one writes there", async () => {
      const first = await addCustomer("二重 登録", "二重商事");
      const second = await addCustomer("二重登録", "(株)二重商事");
      const accepted = await fa.send(
        fa.event({ customer: { id: null, name: "二重登録", company: "二重商事株式会社" } }),
      );
      const waiting = await fa.settled(accepted.body.exportId);
      expect(waiting).toMatchObject({ status: "needs_review", customerId: expect.any(String) });
      expect(waiting.reason).toContain(first);
      expect(waiting.reason).toContain(second);
      const search = await h.api("GET", `/v1/customers/${waiting.customerId}/crm-candidates`, {
        auth: "service",
      });
      const exact = search.body.candidates.filter((c: { score: number }) => c.score === 1);
      expect(exact.map((c: { recordId: string }) => c.recordId).sort()).toEqual([first, second].sort());

      await h.api("PUT", `/v1/customers/${waiting.customerId}/kintone-link`, {
        auth: "service",
        body: { recordId: second },
      });
      const done = await fa.settled(accepted.body.exportId);
      expect(done.status).toBe("written");
      const [written] = await activities(`$id = ${done.kintoneRecordId}`);
      expect(written?.顧客レコード番号?.value).toBe(second);
    });
  });

  describe("without an event-id field (issue 11 #5)", () => {
    test("two events share a meeting URL; the second's add meets a 503: it is never filed as the first's record", async () => {
      await h.resave((s) => {
        s.activityApp.fields.eventId = null;
        s.userMappings = [{ frontAgentUserId: "u-1", kintoneUserCode: "yamada" }];
      });
      const recordId = await addCustomer("共有 会議", "共有商事");
      const customer = { id: null, name: "共有 会議", company: "共有商事" };
      const url = "https://front-agent.example.com/minutes/shared";
      const meeting = {
        title: "共有の商談",
        startedAt: "2026-11-24T09:00:00Z",
        endedAt: "2026-11-24T09:30:00Z",
        url,
      };
      const one = await fa.settled((await fa.send(fa.event({ customer, meeting }))).body.exportId);
      expect(one.status).toBe("written");

      await h.kintone.addFault({ status: 503, path: "/k/v1/record.json", method: "POST", times: 1 });
      const accepted = await fa.send(fa.event({ customer, meeting }));
      const two = await eventually(
        async () => {
          const res = await h.api("GET", `/v1/exports/${accepted.body.exportId}`, { auth: "service" });
          return res.body.status === "written" ? res.body : undefined;
        },
        30_000,
        "the second export to be written after the 503",
      );
      expect(two.kintoneRecordId).not.toBe(one.kintoneRecordId);
      const filed = await activities(`FrontAgentリンク = "${url}" order by $id asc`);
      expect(filed.map((r) => r.$id?.value)).toEqual([one.kintoneRecordId, two.kintoneRecordId]);
      expect(filed.every((r) => r.顧客レコード番号?.value === recordId)).toBe(true);
    });
  });
});
