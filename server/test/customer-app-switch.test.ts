import { ACTIVITY_FIELDS, CUSTOMER_FIELDS, type FieldProperties } from "@front-agent/kintone-emulator";
import { afterAll, beforeAll, expect, test } from "vitest";
import { assistClient, kintoneRecords } from "./assist-client.ts";
import { appsSeed, forEachDatabase, type Harness, newestRunSucceeded, startHarness } from "./harness.ts";

// Issue 11 #3: a link belongs to one customer app. After the administrator switches the customer app, a
// customer linked to the old app's record 3 must never be filed against the new app's record 3.
const person = (name: string, company: string) => ({ 顧客名: { value: name }, 会社名: { value: company } });
const OLD = [person("旧 一郎", "旧商事"), person("旧 二郎", "旧商事"), person("旧 三郎", "旧商事")];
const NEW = [person("新 一子", "新物産"), person("新 二子", "新物産"), person("新 三子", "新物産")];

let h: Harness;
let second: { appId: string; token: string };

forEachDatabase((database) => {
  beforeAll(async () => {
    h = await startHarness({
      database,
      seed: appsSeed([
        {
          key: "customer",
          name: "顧客管理(旧)",
          fields: CUSTOMER_FIELDS,
          records: OLD,
        },
        {
          key: "customer2",
          name: "顧客管理(新)",
          fields: CUSTOMER_FIELDS,
          records: NEW,
        },
        { key: "activity", name: "活動履歴", fields: ACTIVITY_FIELDS },
      ]),
    });
    const seeded = h.emulator.seed?.apps.customer2;
    second = { appId: seeded?.appId ?? "", token: seeded?.tokens[0] ?? "" };
  });
  afterAll(() => h.close());

  async function importDone() {
    await newestRunSucceeded(h);
  }

  test("after the switch the old app's customers are unlinked with the reason, and their minutes go to the right record of the new app", async () => {
    expect((await h.api("PUT", "/v1/kintone/settings", { body: h.settings() })).status).toBe(200);
    await importDone();
    const listed = await h.api("GET", `/v1/customers?q=${encodeURIComponent("旧 三郎")}&limit=5`, {
      auth: "service",
    });
    const saburo = listed.body.customers[0];
    expect(saburo.kintone).toMatchObject({ appId: h.apps.customer.appId, recordId: "3" });

    // The administrator points the activity app's lookup at the new customer app, then switches the settings.
    const form = await fetch(`${h.emulator.url}/k/v1/app/form/fields.json?app=${h.apps.activity.appId}`, {
      headers: { "X-Cybozu-API-Token": h.apps.activity.token },
    }).then((r) => r.json() as Promise<{ properties: FieldProperties }>);
    const lookupField = form.properties.顧客レコード番号;
    if (!lookupField?.lookup) throw new Error("the template's lookup");
    await h.kintone.setForm(h.apps.activity.appId, {
      ...form.properties,
      顧客レコード番号: {
        ...lookupField,
        lookup: { ...lookupField.lookup, relatedApp: { app: second.appId, code: "" } },
      },
    });
    const switched = await h.api("PUT", "/v1/kintone/settings", {
      body: h.settings((s) => {
        s.customerApp.appId = second.appId;
        s.customerApp.apiToken = second.token;
        s.userMappings = [{ frontAgentUserId: "u-1", kintoneUserCode: "yamada" }];
      }),
    });
    expect(switched.status).toBe(200);
    const after = await h.api("GET", `/v1/customers/${saburo.id}`, { auth: "service" });
    expect(after.body).toMatchObject({ kintone: null, unlinked: { reason: "customer_app_changed" } });
    await importDone();

    const fa = assistClient(h);
    const done = await fa.settled(
      (await fa.send(fa.event({ customer: { id: saburo.id, name: "旧 三郎", company: "旧商事" } }))).body
        .exportId,
    );
    expect(done).toMatchObject({ status: "written" });
    const [written] = await kintoneRecords(h, h.apps.activity, `$id = ${done.kintoneRecordId}`);
    // Registered in the new app (it does not hold 旧 三郎), never record 3 there, which is 新 三子.
    expect(written?.顧客名?.value).toBe("旧 三郎");
    expect(written?.顧客レコード番号?.value).not.toBe("3");
    const inNew = await kintoneRecords(h, second, `顧客名 = "旧 三郎"`);
    expect(inNew.map((r) => r.$id?.value)).toEqual([written?.顧客レコード番号?.value]);
    const [third] = await kintoneRecords(h, second, "$id = 3");
    expect(third).toMatchObject({ 顧客名: { value: "新 三子" }, $revision: { value: "1" } });
  });
});
