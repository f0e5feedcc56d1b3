import { describe, expect, test } from "vitest";
import type { KintoneRecord } from "./kintone-record.ts";
import { recordIdentity } from "./record-identity.ts";

const base: KintoneRecord = {
  $id: { type: "__ID__", value: "14" },
  $revision: { type: "__REVISION__", value: "3" },
};

describe("recordIdentity", () => {
  test.each<
    [
      string,
      KintoneRecord,
      string | null | undefined,
      { recordId: string; recordNumber: string; revision: string },
    ]
  >([
    [
      "the RECORD_NUMBER-typed field, whatever its code",
      { ...base, 番号: { type: "RECORD_NUMBER", value: "14" } },
      undefined,
      { recordId: "14", recordNumber: "14", revision: "3" },
    ],
    [
      "an app code makes the record number differ from $id",
      { ...base, レコード番号: { type: "RECORD_NUMBER", value: "CUST-14" } },
      "レコード番号",
      { recordId: "14", recordNumber: "CUST-14", revision: "3" },
    ],
    [
      "the mapped recordNumber code wins",
      {
        ...base,
        管理番号: { type: "SINGLE_LINE_TEXT", value: "C-0014" },
        レコード番号: { type: "RECORD_NUMBER", value: "14" },
      },
      "管理番号",
      { recordId: "14", recordNumber: "C-0014", revision: "3" },
    ],
    [
      "the mapped code empty: the RECORD_NUMBER-typed field",
      {
        ...base,
        管理番号: { type: "SINGLE_LINE_TEXT", value: "" },
        レコード番号: { type: "RECORD_NUMBER", value: "CUST-14" },
      },
      "管理番号",
      { recordId: "14", recordNumber: "CUST-14", revision: "3" },
    ],
    [
      "no record-number field read: $id (equal without an app code)",
      base,
      "レコード番号",
      { recordId: "14", recordNumber: "14", revision: "3" },
    ],
    [
      "numbers are turned into strings",
      { $id: { value: 14 }, $revision: { value: 3 } },
      null,
      { recordId: "14", recordNumber: "14", revision: "3" },
    ],
  ])("%s", (_rule, record, recordNumber, expected) => {
    expect(recordIdentity(record, recordNumber === undefined ? undefined : { recordNumber })).toEqual(
      expected,
    );
  });

  test.each<[string, KintoneRecord]>([
    ["no $id", { $revision: { value: "1" } }],
    ["no $revision (read with `fields` that left it out)", { $id: { value: "1" } }],
  ])("throws on %s", (_rule, record) => {
    expect(() => recordIdentity(record)).toThrow(TypeError);
  });
});
