import { KintoneRestAPIClient, KintoneRestAPIError } from "@kintone/rest-api-client";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { templateSeed } from "../src/index.ts";
import { emulatorWith, type TestEmulator } from "./helpers.ts";

// The official client is what the backend will use: if it works against the emulator the way its own
// tests say it works against kintone, the emulator's shapes, paging and error bodies are right.
let emu: TestEmulator;
let customer: { appId: string; token: string };
let activity: { appId: string; token: string };

beforeAll(async () => {
  emu = await emulatorWith(templateSeed({ customers: 1234, now: "2026-11-20T00:00:00Z" }));
  const apps = emu.seed?.apps ?? {};
  customer = { appId: apps.customer?.appId ?? "", token: apps.customer?.tokens[0] ?? "" };
  activity = { appId: apps.activity?.appId ?? "", token: apps.activity?.tokens[0] ?? "" };
});
afterAll(() => emu.close());

function client(...tokens: string[]): KintoneRestAPIClient {
  return new KintoneRestAPIClient({ baseUrl: emu.url, auth: { apiToken: tokens } });
}

describe("@kintone/rest-api-client against the emulator", () => {
  test("getAllRecords pages by $id seek and returns every record once, values as strings", async () => {
    await emu.control.resetStats();
    const records = await client(customer.token).record.getAllRecords({ app: customer.appId });
    expect(records).toHaveLength(1234);
    expect(new Set(records.map((r) => r.$id?.value)).size).toBe(1234);
    expect(records[0]?.$id).toEqual({ type: "__ID__", value: "1" });
    expect(records[0]?.レコード番号).toEqual({ type: "RECORD_NUMBER", value: "1" });
    const seeks = await emu.control.requests("/k/v1/records.json");
    expect(seeks.map((r) => r.params.query)).toEqual([
      "$id > 0 order by $id asc limit 500",
      "$id > 500 order by $id asc limit 500",
      "$id > 1000 order by $id asc limit 500",
    ]);
  });

  test("getAllRecords with a condition keeps the condition in every seek", async () => {
    const records = await client(customer.token).record.getAllRecords({
      app: customer.appId,
      condition: '更新日時 >= "2026-10-01T00:00:00Z"',
      fields: ["顧客名", "更新日時"],
    });
    expect(records.length).toBeGreaterThan(0);
    expect(records.length).toBeLessThan(1234);
    for (const r of records) {
      expect(Object.keys(r).sort()).toEqual(["$id", "更新日時", "顧客名"].sort());
      expect(Date.parse(r.更新日時?.value as string)).toBeGreaterThanOrEqual(
        Date.parse("2026-10-01T00:00:00Z"),
      );
    }
  });

  test("getAllRecordsWithCursor sorts by the query's order and frees the cursor when read", async () => {
    const records = await client(customer.token).record.getAllRecordsWithCursor({
      app: customer.appId,
      query: "order by 更新日時 desc, $id asc",
    });
    expect(records).toHaveLength(1234);
    const times = records.map((r) => Date.parse(r.更新日時?.value as string));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect((await emu.control.stats()).cursors).toBe(0);
  });

  test("addAllRecords writes 250 records through bulkRequest in order", async () => {
    const records = Array.from({ length: 250 }, (_, i) => ({
      顧客名: { value: `一括 顧客${i}` },
      会社名: { value: "一括株式会社" },
    }));
    const result = await client(customer.token).record.addAllRecords({ app: customer.appId, records });
    expect(result.records).toHaveLength(250);
    const first = await client(customer.token).record.getRecord({
      app: customer.appId,
      id: result.records[0]?.id ?? "",
    });
    expect(first.record.顧客名?.value).toBe("一括 顧客0");
    expect(first.record.$revision?.value).toBe("1");
  });

  test("a unique violation in the 150th record rolls back the whole bulkRequest chunk", async () => {
    const before = await client(customer.token).record.getRecords({ app: customer.appId, totalCount: true });
    const records = Array.from({ length: 160 }, (_, i) => ({
      顧客名: { value: i === 149 ? "一括 顧客0" : `巻き戻し ${i}` },
    }));
    const error = await client(customer.token)
      .record.addAllRecords({ app: customer.appId, records })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ numOfProcessedRecords: 0, numOfAllRecords: 160 });
    const cause = (error as { error: KintoneRestAPIError }).error;
    expect(cause).toBeInstanceOf(KintoneRestAPIError);
    expect(cause.code).toBe("CB_VA01");
    expect(cause.bulkRequestIndex).toBe(1);
    expect(cause.errors).toEqual({
      "records[49].顧客名.value": { messages: ["値がほかのレコードと重複しています。"] },
    });
    const after = await client(customer.token).record.getRecords({ app: customer.appId, totalCount: true });
    expect(after.totalCount).toBe(before.totalCount);
  });

  test("updateAllRecords with upsert inserts the missing and updates the existing by a unique key", async () => {
    const result = await client(customer.token).record.updateAllRecords({
      app: customer.appId,
      upsert: true,
      records: [
        { updateKey: { field: "顧客名", value: "一括 顧客1" }, record: { 部署名: { value: "更新済み" } } },
        {
          updateKey: { field: "顧客名", value: "新規 アップサート" },
          record: { 会社名: { value: "新規株式会社" } },
        },
      ],
    });
    expect(result.records.map((r) => ("operation" in r ? r.operation : null))).toEqual(["UPDATE", "INSERT"]);
    expect(result.records[0]?.revision).toBe("2");
    const inserted = await client(customer.token).record.getRecord({
      app: customer.appId,
      id: result.records[1]?.id ?? "",
    });
    expect(inserted.record.顧客名?.value).toBe("新規 アップサート");
    expect(inserted.record.会社名?.value).toBe("新規株式会社");
  });

  test("getFormFields: live with a view token, preview only with app management", async () => {
    const live = await client(customer.token).app.getFormFields({ app: customer.appId });
    expect(live.properties.顧客名).toMatchObject({ type: "SINGLE_LINE_TEXT", unique: true, required: false });
    expect(live.properties.レコード番号).toMatchObject({ type: "RECORD_NUMBER" });
    const preview = await client(customer.token).app.getFormFields({ app: customer.appId, preview: true });
    expect(Object.keys(preview.properties).sort()).toEqual(Object.keys(live.properties).sort());

    const viewOnly = await emu.control.createToken(customer.appId, { view: true });
    await expect(client(viewOnly).app.getFormFields({ app: customer.appId })).resolves.toBeTruthy();
    const denied = await client(viewOnly)
      .app.getFormFields({ app: customer.appId, preview: true })
      .catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(KintoneRestAPIError);
    expect(denied).toMatchObject({ code: "GAIA_NO01", status: 403 });
  });

  test("a pre-live form change shows in preview only until deployed", async () => {
    const app = await emu.control.createApp({
      name: "preview test",
      fields: [{ type: "SINGLE_LINE_TEXT", code: "a", label: "A" }],
    });
    const token = app.tokens[0] ?? "";
    await emu.control.setForm(
      app.appId,
      {
        a: { type: "SINGLE_LINE_TEXT", code: "a", label: "A" },
        b: { type: "NUMBER", code: "b", label: "B" },
      },
      { deploy: false },
    );
    const c = client(token);
    expect(Object.keys((await c.app.getFormFields({ app: app.appId })).properties)).not.toContain("b");
    expect(Object.keys((await c.app.getFormFields({ app: app.appId, preview: true })).properties)).toContain(
      "b",
    );
    await c.app.deployApp({ apps: [{ app: app.appId }] });
    expect((await c.app.getDeployStatus({ apps: [app.appId] })).apps[0]?.status).toBe("SUCCESS");
    expect(Object.keys((await c.app.getFormFields({ app: app.appId })).properties)).toContain("b");
  });

  test("a lookup write with both apps' tokens copies 顧客名 and 会社名 from the customer", async () => {
    const c = client(activity.token, customer.token);
    const target = await client(customer.token).record.getRecord({ app: customer.appId, id: 2 });
    const added = await c.record.addRecord({
      app: activity.appId,
      record: {
        顧客レコード番号: { value: "2" },
        件名: { value: "定例MTG" },
        顧客名: { value: "無視される" },
      },
    });
    const written = await c.record.getRecord({ app: activity.appId, id: added.id });
    expect(written.record.顧客名?.value).toBe(target.record.顧客名?.value);
    expect(written.record.会社名?.value).toBe(target.record.会社名?.value);
    expect(written.record.作成者?.value).toEqual({ code: "Administrator", name: "Administrator" });
  });

  test("a lookup write without the customer app's token fails with GAIA_LO04", async () => {
    const error = await client(activity.token)
      .record.addRecord({ app: activity.appId, record: { 顧客レコード番号: { value: "2" } } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "GAIA_LO04", status: 400 });
  });

  test("getRecords answers totalCount as a string only when asked", async () => {
    const c = client(customer.token);
    expect((await c.record.getRecords({ app: customer.appId, query: "limit 1" })).totalCount).toBeNull();
    const counted = await c.record.getRecords({ app: customer.appId, query: "limit 1", totalCount: true });
    expect(typeof counted.totalCount).toBe("string");
    expect(Number(counted.totalCount)).toBeGreaterThanOrEqual(1234);
  });
});
