import { describe, expect, test } from "vitest";
import { customerRecordToAdd, splitPersonName } from "./registration.ts";

describe("splitPersonName (姓 + 名 registration, SPEC S4)", () => {
  test.each([
    ["a half-width space", "山田 太郎", "山田", "太郎"],
    ["an ideographic space", "山田\u3000太郎", "山田", "太郎"],
    ["only the first space splits", "Mary Ann Smith", "Mary", "Ann Smith"],
    ["no space: all in 姓", "山田太郎", "山田太郎", ""],
    ["outer spaces ignored", "  山田  太郎 ", "山田", "太郎"],
  ])("%s", (_rule, name, lastName, firstName) => {
    expect(splitPersonName(name)).toEqual({ lastName, firstName });
  });
});

describe("customerRecordToAdd (SPEC E3 auto-registration)", () => {
  const ONE = { name: "顧客名", lastName: null, firstName: null, company: "会社名" };
  const TWO = { name: null, lastName: "姓", firstName: "名", company: "会社名" };
  test.each([
    ["顧客名 and 会社名", ONE, ["佐藤 花子", "B物産"], { 顧客名: "佐藤 花子", 会社名: "B物産" }],
    [
      "I2: no company → the name in both",
      ONE,
      ["佐藤 花子", ""],
      { 顧客名: "佐藤 花子", 会社名: "佐藤 花子" },
    ],
    ["I3: no name → the company in both", ONE, ["", "サンプル"], { 顧客名: "サンプル", 会社名: "サンプル" }],
    [
      "姓 + 名 split at the first space",
      TWO,
      ["佐藤 花子", "B物産"],
      { 姓: "佐藤", 名: "花子", 会社名: "B物産" },
    ],
    ["姓 + 名, company only", TWO, ["", "サンプル"], { 姓: "サンプル", 名: "", 会社名: "サンプル" }],
  ])("%s", (_rule, fields, [name, company], expected) => {
    const record = customerRecordToAdd(fields, { name: name ?? "", company: company ?? "" });
    expect(Object.fromEntries(Object.entries(record).map(([k, v]) => [k, v.value]))).toEqual(expected);
  });
});
