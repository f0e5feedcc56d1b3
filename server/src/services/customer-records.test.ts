import { describe, expect, test } from "vitest";
import type { KintoneRecordJson } from "../kintone/gateway.ts";
import { RecordingGateway, recordJson } from "../kintone/testing.ts";
import { customerCandidate, readRecordNumber } from "./customer-records.ts";
import { TEMPLATE_APPS, templateSettings } from "./testing.ts";

const withNumber = templateSettings().customerApp;
// 姓 and 名 mapped instead of 顧客名 (SPEC S4).
const splitName = templateSettings((body) => {
  Object.assign(body.customerApp.fields, { name: null, lastName: "姓", firstName: "名" });
}).customerApp;

describe("customerCandidate", () => {
  test.each<[string, typeof withNumber, KintoneRecordJson, { name: string; recordNumber: string }]>([
    [
      "顧客名 and the record number, trimmed",
      withNumber,
      recordJson(7, { 顧客名: " 佐藤 太郎 ", レコード番号: "C-7" }),
      { name: "佐藤 太郎", recordNumber: "C-7" },
    ],
    [
      "姓 and 名 joined 「姓 名」",
      splitName,
      recordJson(7, { 姓: "佐藤", 名: "太郎" }),
      { name: "佐藤 太郎", recordNumber: "7" },
    ],
    ["姓 alone", splitName, recordJson(7, { 姓: "佐藤", 名: "" }), { name: "佐藤", recordNumber: "7" }],
  ])("%s", (_name, app, record, expected) => {
    expect(customerCandidate(record, app.fields)).toMatchObject({ recordId: "7", ...expected });
  });
});

describe("readRecordNumber", () => {
  test.each<[string, typeof withNumber, KintoneRecordJson[], string | null, string[]]>([
    [
      "the app's record number (an app code's CODE-12)",
      withNumber,
      [recordJson(12, { レコード番号: "CODE-12" })],
      "CODE-12",
      ["$id", "レコード番号"],
    ],
    ["a record kintone no longer has", withNumber, [], null, ["$id", "レコード番号"]],
  ])("%s", async (_name, app, records, expected, fields) => {
    const kintone = new RecordingGateway().answer("records", records);
    expect(await readRecordNumber(kintone, app, "12")).toBe(expected);
    expect(kintone.calls).toEqual([
      { method: "records", app: TEMPLATE_APPS.customer, query: "$id = 12", fields },
    ]);
  });
});
