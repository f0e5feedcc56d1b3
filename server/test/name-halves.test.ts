import { ACTIVITY_FIELDS, type FieldProperty } from "@front-agent/kintone-emulator";
import { afterAll, beforeAll, expect, test } from "vitest";
import { assistClient, kintoneRecords } from "./assist-client.ts";
import { appsSeed, forEachDatabase, type Harness, newestRunSucceeded, startHarness } from "./harness.ts";

// Issue 11 #4 (SPEC S4): a customer app with 姓 and 名 instead of one 顧客名 field. Import, matching,
// registration (split at the first space), CRM候補検索 and the setup checks all work with it.
const HALVES: FieldProperty[] = [
  { type: "SINGLE_LINE_TEXT", code: "姓", label: "姓" },
  { type: "SINGLE_LINE_TEXT", code: "名", label: "名" },
  { type: "SINGLE_LINE_TEXT", code: "会社名", label: "会社名" },
];
// The activity app's lookup copies the company only: the customer app has no 顧客名 to copy.
const ACTIVITY = ACTIVITY_FIELDS.map((f) =>
  f.lookup
    ? { ...f, lookup: { ...f.lookup, fieldMappings: [{ field: "会社名", relatedField: "会社名" }] } }
    : f,
);

let h: Harness;
const halves = (settings: { customerApp: { fields: Record<string, string | null> } }) => {
  Object.assign(settings.customerApp.fields, {
    name: null,
    lastName: "姓",
    firstName: "名",
    department: null,
    email: null,
    phone: null,
    address: null,
  });
};

forEachDatabase((database) => {
  beforeAll(async () => {
    h = await startHarness({
      database,
      seed: appsSeed([
        {
          key: "customer",
          name: "顧客管理(姓名)",
          fields: HALVES,
          records: [
            { 姓: { value: "山田" }, 名: { value: "花子" }, 会社名: { value: "既存商事" } },
            { 姓: { value: "鈴木" }, 名: { value: "一郎" }, 会社名: { value: "別会社" } },
          ],
        },
        { key: "activity", name: "活動履歴", fields: ACTIVITY },
      ]),
    });
    const saved = await h.api("PUT", "/v1/kintone/settings", {
      body: h.settings((s) => {
        halves(s);
        s.userMappings = [{ frontAgentUserId: "u-1", kintoneUserCode: "yamada" }];
      }),
    });
    expect(saved.status).toBe(200);
    await newestRunSucceeded(h);
  });
  afterAll(() => h.close());

  test("the import joins 姓 名, and CRM候補検索 returns the names", async () => {
    const listed = await h.api("GET", "/v1/customers?limit=10", { auth: "service" });
    expect(listed.body.customers.map((c: { name: string }) => c.name).sort()).toEqual([
      "山田 花子",
      "鈴木 一郎",
    ]);
    const search = await h.api(
      "GET",
      `/v1/crm-candidates?name=${encodeURIComponent("山田花子")}&company=既存商事`,
      {
        auth: "service",
      },
    );
    expect(search.body.candidates[0]).toMatchObject({
      recordId: "1",
      name: "山田 花子",
      company: "既存商事",
      score: 1,
    });
  });

  test("an event for a held customer is written to it; a new one is registered with 姓 and 名 split at the first space", async () => {
    const fa = assistClient(h);
    const held = await fa.settled(
      (await fa.send(fa.event({ customer: { id: null, name: "山田　花子", company: "既存商事" } }))).body
        .exportId,
    );
    expect(held.status).toBe("written");
    const [first] = await kintoneRecords(h, h.apps.activity, `$id = ${held.kintoneRecordId}`);
    expect(first?.顧客レコード番号?.value).toBe("1");

    const fresh = await fa.settled(
      (await fa.send(fa.event({ customer: { id: null, name: "新人 次郎", company: "新規商事" } }))).body
        .exportId,
    );
    expect(fresh.status).toBe("written");
    const [added] = await kintoneRecords(h, h.apps.customer, `会社名 = "新規商事"`);
    expect(added).toMatchObject({ 姓: { value: "新人" }, 名: { value: "次郎" } });
    const [second] = await kintoneRecords(h, h.apps.activity, `$id = ${fresh.kintoneRecordId}`);
    expect(second?.顧客レコード番号?.value).toBe(added?.$id?.value);

    // 同名 at another company: kintone could add a second 鈴木 一郎 (no unique field), the ladder holds it.
    const namesake = await fa.settled(
      (await fa.send(fa.event({ customer: { id: null, name: "鈴木 一郎", company: "三番商事" } }))).body
        .exportId,
    );
    expect(namesake.status).toBe("needs_review");
    expect(await kintoneRecords(h, h.apps.customer, `姓 = "鈴木"`)).toHaveLength(1);
  });

  test("設定を確認 with 姓 + 名: no error", async () => {
    const checked = await h.api("POST", "/v1/kintone/settings/validate", {
      body: h.settings((s) => halves(s)),
    });
    expect(checked.status).toBe(200);
    expect(checked.body.checks.filter((c: { status: string }) => c.status === "error")).toEqual([]);
  });
});
