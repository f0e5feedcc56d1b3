import { describe, expect, test } from "vitest";
import { TEMPLATE_CUSTOMER_FIELDS } from "../schemas/template-settings.ts";
import type { KintoneRecord } from "./kintone-record.ts";
import { type CustomerFieldCodes, recordToCustomer } from "./record-to-customer.ts";

/** The template app's codes (what an administrator who created the app from the template maps). */
const fields: CustomerFieldCodes = TEMPLATE_CUSTOMER_FIELDS;

const text = (value: string) => ({ type: "SINGLE_LINE_TEXT", value });
const multi = (value: string) => ({ type: "MULTI_LINE_TEXT", value });
const row = (id: string, cells: KintoneRecord) => ({ id, value: cells });

/** A record in the template's field codes; `extra` replaces or adds fields. */
function record(extra: KintoneRecord = {}): KintoneRecord {
  return {
    $id: { type: "__ID__", value: "7" },
    $revision: { type: "__REVISION__", value: "3" },
    レコード番号: { type: "RECORD_NUMBER", value: "7" },
    顧客名: text("佐藤 花子"),
    会社名: text("株式会社サンプル"),
    部署名: text("営業部"),
    メールアドレス: { type: "LINK", value: "sato@example.com" },
    電話番号: { type: "LINK", value: "03-1234-5678" },
    住所: text("東京都千代田区"),
    ...extra,
  };
}

const customer = (overrides: Partial<Record<string, string>> = {}) => ({
  kind: "customer",
  customer: {
    name: "佐藤 花子",
    company: "株式会社サンプル",
    department: "営業部",
    email: "sato@example.com",
    phone: "03-1234-5678",
    address: "東京都千代田区",
    ...overrides,
  },
});

describe("recordToCustomer", () => {
  test.each<[string, KintoneRecord, Partial<CustomerFieldCodes>, unknown]>([
    ["I4: both present → each to its own field", record(), {}, customer()],
    [
      "I2: company empty → company = name",
      record({ 会社名: text(" ") }),
      {},
      customer({ company: "佐藤 花子" }),
    ],
    [
      "I3: name empty → name = company",
      record({ 顧客名: text("") }),
      {},
      customer({ name: "株式会社サンプル" }),
    ],
    [
      "I1: neither name nor company → skipped",
      record({ 顧客名: text(" \u3000"), 会社名: text("") }),
      {},
      { kind: "skip", reason: "NO_NAME_OR_COMPANY" },
    ],
    [
      "I1: name and company both unmapped → skipped",
      record(),
      { name: null, company: null },
      { kind: "skip", reason: "NO_NAME_OR_COMPANY" },
    ],
    [
      "values are trimmed",
      record({ 顧客名: text("  佐藤 花子\u3000"), 部署名: text(" 営業部 ") }),
      {},
      customer(),
    ],
    [
      "I4: name from 姓 + 名 joined 「姓 名」",
      record({ 姓: text("佐藤"), 名: text("花子") }),
      { name: null, lastName: "姓", firstName: "名" },
      customer(),
    ],
    [
      "I4: an empty half of 姓 + 名 is skipped, no stray space",
      record({ 姓: text("佐藤"), 名: text(" ") }),
      { name: null, lastName: "姓", firstName: "名" },
      customer({ name: "佐藤" }),
    ],
    [
      "I3: 姓 and 名 both empty → name = company",
      record({ 姓: text(""), 名: text("") }),
      { name: null, lastName: "姓", firstName: "名" },
      customer({ name: "株式会社サンプル" }),
    ],
    [
      "I5: multi-line e-mail → first non-empty line",
      record({ メールアドレス: multi("\n  sato@example.com\nhanako@example.com") }),
      {},
      customer(),
    ],
    [
      "I5: multi-line phone → first non-empty line (two numbers are not one)",
      record({ 電話番号: multi("\n03-1234-5678\r\n090-0000-0000") }),
      {},
      customer(),
    ],
    [
      "I5: multi-line address → the whole address, line breaks as spaces",
      record({ 住所: multi("〒100-0001\n東京都千代田区千代田1-1\nサンプルビル5F") }),
      {},
      customer({ address: "〒100-0001 東京都千代田区千代田1-1 サンプルビル5F" }),
    ],
    [
      "I5: address → blank lines and runs of white space collapse to one space, ends trimmed",
      record({ 住所: multi("\r\n 〒100-0001 \r\n\r\n東京都千代田区  1-1-1\t\n") }),
      {},
      customer({ address: "〒100-0001 東京都千代田区 1-1-1" }),
    ],
    [
      "I5: address → a lone full-width space is kept as typed",
      record({ 住所: text("東京都千代田区1-1-1\u3000サンプルビル") }),
      {},
      customer({ address: "東京都千代田区1-1-1\u3000サンプルビル" }),
    ],
    [
      "I5: address in a subtable → the first non-empty row, whole",
      record({
        住所: {
          type: "SUBTABLE",
          value: [
            row("1", { 種別: { type: "DROP_DOWN", value: "本社" }, 住所欄: multi(" \n ") }),
            row("2", {
              種別: { type: "DROP_DOWN", value: "支社" },
              住所欄: multi("〒100-0001\n東京都千代田区"),
            }),
            row("3", { 種別: { type: "DROP_DOWN", value: null }, 住所欄: multi("大阪府大阪市") }),
          ],
        },
      }),
      {},
      customer({ address: "〒100-0001 東京都千代田区" }),
    ],
    [
      "I5: an address column inside a subtable → that column's first non-empty row, whole",
      record({
        拠点: {
          type: "SUBTABLE",
          value: [
            row("1", { 拠点住所: multi("") }),
            row("2", { 拠点住所: multi("〒530-0001\r\n大阪府大阪市北区") }),
          ],
        },
        住所: undefined,
      }),
      { address: "拠点住所" },
      customer({ address: "〒530-0001 大阪府大阪市北区" }),
    ],
    [
      "I5: e-mail in a subtable cell of several lines → the first line of the first non-empty row",
      record({
        メールアドレス: {
          type: "SUBTABLE",
          value: [row("1", { アドレス: multi("sato@example.com\nhanako@example.com") })],
        },
      }),
      {},
      customer(),
    ],
    [
      "I5: subtable → the first row whose first text-like cell is non-empty",
      record({
        メールアドレス: {
          type: "SUBTABLE",
          value: [
            row("1", { 種別: { type: "DROP_DOWN", value: "自宅" }, アドレス: text("") }),
            row("2", { 種別: { type: "DROP_DOWN", value: "勤務先" }, アドレス: text(" sato@example.com ") }),
            row("3", { 種別: { type: "DROP_DOWN", value: null }, アドレス: text("other@example.com") }),
          ],
        },
      }),
      {},
      customer(),
    ],
    [
      "I5: a code inside a subtable → that column's first non-empty row",
      record({
        連絡先: {
          type: "SUBTABLE",
          value: [
            row("1", { 電話: text(""), 内線: text("123") }),
            row("2", { 電話: text("03-1234-5678"), 内線: text("") }),
          ],
        },
        電話番号: undefined,
      }),
      { phone: "電話" },
      customer(),
    ],
    [
      "I5: an empty subtable → empty",
      record({ メールアドレス: { type: "SUBTABLE", value: [] } }),
      {},
      customer({ email: "" }),
    ],
    [
      "I5: check boxes → the first element",
      record({ 電話番号: { type: "CHECK_BOX", value: ["", "03-1234-5678", "090-0000-0000"] } }),
      {},
      customer(),
    ],
    [
      "I6: a mapped code the record lacks → empty",
      record({ 住所: undefined }),
      { address: "住所2" },
      customer({ address: "" }),
    ],
    [
      "I6: a null mapping → empty",
      record(),
      { email: null, department: null },
      customer({ email: "", department: "" }),
    ],
    [
      "I6: a null value (DROP_DOWN unset) → empty",
      record({ 部署名: { type: "DROP_DOWN", value: null } }),
      {},
      customer({ department: "" }),
    ],
    [
      "I6: a code named like an Object.prototype member → empty",
      record(),
      { department: "constructor" },
      customer({ department: "" }),
    ],
    [
      "a multi-line company becomes one line",
      record({ 会社名: multi("株式会社\nサンプル") }),
      {},
      customer({ company: "株式会社 サンプル" }),
    ],
    [
      "a NUMBER phone is read as its digits",
      record({ 電話番号: { type: "NUMBER", value: "0312345678" } }),
      {},
      customer({ phone: "0312345678" }),
    ],
    [
      "fields without `type` are read by value shape",
      record({ 顧客名: { value: "佐藤 花子" } }),
      {},
      customer(),
    ],
  ])("%s", (_rule, input, mapping, expected) => {
    expect(recordToCustomer(input, { ...fields, ...mapping })).toEqual(expected);
  });
});
