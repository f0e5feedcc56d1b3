import { describe, expect, test } from "vitest";
import type { FieldProperties } from "../../kintone/gateway.ts";
import { candidateFieldsToRead } from "../customer-records.ts";
import { fieldsToRead } from "./plan.ts";

const form: FieldProperties = {
  レコード番号: { type: "RECORD_NUMBER", code: "レコード番号", label: "" },
  顧客名: { type: "SINGLE_LINE_TEXT", code: "顧客名", label: "" },
  会社名: { type: "SINGLE_LINE_TEXT", code: "会社名", label: "" },
  作成者: { type: "CREATOR", code: "作成者", label: "" },
  連絡先: {
    type: "SUBTABLE",
    code: "連絡先",
    label: "",
    fields: { メール: { type: "SINGLE_LINE_TEXT", code: "メール", label: "" } },
  },
};
const none = {
  name: null,
  lastName: null,
  firstName: null,
  company: null,
  department: null,
  email: null,
  phone: null,
  address: null,
  recordNumber: null,
};

describe("fieldsToRead: only what the import uses is asked of kintone", () => {
  test.each([
    [
      "the mapped fields, the record number, $id and $revision",
      { ...none, name: "顧客名", company: "会社名" },
      ["$id", "$revision", "レコード番号", "顧客名", "会社名"],
    ],
    [
      "a field inside a table is read through its table",
      { ...none, name: "顧客名", email: "メール" },
      ["$id", "$revision", "レコード番号", "顧客名", "連絡先"],
    ],
    [
      "an unmapped creator is not read",
      { ...none, name: "顧客名" },
      ["$id", "$revision", "レコード番号", "顧客名"],
    ],
    [
      "a code the form lacks is not asked for (I6: an empty value, never an error)",
      { ...none, name: "顧客名", phone: "電話" },
      ["$id", "$revision", "レコード番号", "顧客名"],
    ],
  ])("%s", (_name, mapping, expected) => {
    expect(fieldsToRead(form, mapping)).toEqual(expected);
  });
});

describe("fieldsToRead covers what the candidate index reads (the import's pages feed it, issue 16)", () => {
  test.each([
    ["顧客名 and 会社名", { ...none, name: "顧客名", company: "会社名", recordNumber: "レコード番号" }],
    ["姓 + 名", { ...none, lastName: "顧客名", firstName: "会社名", recordNumber: "レコード番号" }],
  ])("%s", (_name, mapping) => {
    expect(fieldsToRead(form, mapping)).toEqual(expect.arrayContaining(candidateFieldsToRead(mapping)));
  });
});
