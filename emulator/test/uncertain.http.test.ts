import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { emulatorWith, kintone, q, type TestEmulator } from "./helpers.ts";

// Pins for rows of README "Uncertain kintone behaviours" that no other test pinned: kintone's documentation
// is silent here, and the emulator takes the stricter reading. Each test names its row.
let emu: TestEmulator;

beforeAll(async () => {
  emu = await emulatorWith();
});
afterAll(() => emu.close());

describe("README: uncertain kintone behaviours", () => {
  test("row 'a NUMBER lookup on the record number of an app with an app code': neither form of the number is taken", async () => {
    const customers = await emu.control.createApp({
      name: "customers",
      code: "CUST",
      fields: [{ type: "SINGLE_LINE_TEXT", code: "name", label: "Name", unique: true }],
    });
    const activities = await emu.control.createApp({
      name: "activities",
      fields: [
        {
          type: "NUMBER",
          code: "customerNo",
          label: "Customer",
          lookup: {
            relatedApp: { app: customers.appId, code: "CUST" },
            relatedKeyField: "レコード番号",
            fieldMappings: [{ field: "customerName", relatedField: "name" }],
          },
        },
        { type: "SINGLE_LINE_TEXT", code: "customerName", label: "Customer name" },
      ],
    });
    const token = [activities.tokens[0] ?? "", customers.tokens[0] ?? ""];
    await kintone(emu, "POST", "/k/v1/record.json", {
      token: customers.tokens[0],
      body: { app: customers.appId, record: { name: { value: "佐藤 花子" } } },
    });
    const write = (value: string) =>
      kintone(emu, "POST", "/k/v1/record.json", {
        token,
        body: { app: activities.appId, record: { customerNo: { value } } },
      });
    const asText = await write("CUST-1");
    expect(asText.status).toBe(400);
    expect(asText.body.code).toBe("CB_VA01");
    expect(Object.keys(asText.body.errors)).toContain("record[customerNo].value");
    const asNumber = await write("1");
    expect(asNumber.status).toBe(400);
    expect(asNumber.body.code).toBe("GAIA_LO04");
  });

  test("row '= and in on text, and unique': exact, so values differing in case or width are different values", async () => {
    const app = await emu.control.createApp({
      name: "exact",
      fields: [{ type: "SINGLE_LINE_TEXT", code: "key", label: "Key", unique: true }],
    });
    const token = app.tokens[0] ?? "";
    for (const value of ["evt-a", "EVT-A", "ｅｖｔ－ａ"]) {
      const res = await kintone(emu, "POST", "/k/v1/record.json", {
        token,
        body: { app: app.appId, record: { key: { value } } },
      });
      expect(res.status).toBe(200);
    }
    const found = async (query: string) =>
      (
        await kintone(emu, "GET", `/k/v1/records.json${q({ app: app.appId, query })}`, { token })
      ).body.records.map((r: { key: { value: string } }) => r.key.value);
    expect(await found('key = "evt-a"')).toEqual(["evt-a"]);
    expect(await found('key in ("EVT-A")')).toEqual(["EVT-A"]);
  });

  test("row 'only another app's token': an app that does not exist is reported before the token's app is compared", async () => {
    const app = await emu.control.createApp({ name: "a", fields: [] });
    const other = await emu.control.createApp({ name: "b", fields: [] });
    const token = app.tokens[0] ?? "";
    const missing = await kintone(emu, "GET", `/k/v1/records.json${q({ app: 99_999 })}`, { token });
    expect([missing.status, missing.body.code]).toEqual([404, "GAIA_AP01"]);
    const notItsApp = await kintone(emu, "GET", `/k/v1/records.json${q({ app: other.appId })}`, { token });
    expect([notItsApp.status, notItsApp.body.code]).toEqual([400, "GAIA_IA03"]);
  });
});
