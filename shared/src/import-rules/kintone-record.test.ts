import { describe, expect, test } from "vitest";
import { firstValue, readCode, singleText, wholeValue } from "./kintone-record.ts";

/**
 * The readers as they were before their fast paths (issue 16): a value without a line break, or without a
 * run of white space, skips the splitting and replacing, and must read exactly as before.
 */
const lines = (text: string) =>
  text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
const reference = {
  singleText: (text: string) => lines(text).join(" "),
  firstValue: (text: string) => lines(text)[0] ?? "",
  wholeValue: (text: string) =>
    text.trim().replace(/\s+/g, (run) => (run.length === 1 && !/[\r\n]/.test(run) ? run : " ")),
};

const values = [
  "",
  " ",
  "　",
  "佐藤 花子",
  "佐藤　花子",
  " 佐藤 花子 ",
  "　株式会社サンプル　",
  "佐藤  花子",
  "佐藤 　花子",
  "佐藤\t花子",
  "佐藤\u00a0花子",
  "a\u2003b",
  "ｻﾝﾌﾟﾙ",
  "ＡＢＣ商事",
  "(株)サンプル",
  "sato@example.com",
  "03-1234-5678\n03-9999-0000",
  "〒100-0001\n東京都千代田区\r\n千代田1-1",
  "line\rbreak",
  "\n\nafter blank lines",
  "trailing break\n",
  "a \n b",
  "a\t\tb",
  "\u2028separated\u2029",
];

describe("the readers of a text value read as they did before their fast paths", () => {
  test.each(values)("%j", (value) => {
    const field = { type: "MULTI_LINE_TEXT", value };
    expect(singleText(field)).toBe(reference.singleText(value));
    expect(firstValue(field)).toBe(reference.firstValue(value));
    expect(wholeValue(field)).toBe(reference.wholeValue(value));
  });
});

describe("readCode", () => {
  const record = {
    顧客名: { type: "SINGLE_LINE_TEXT", value: " 佐藤 花子 " },
    空: { type: "SINGLE_LINE_TEXT", value: "" },
    連絡先: {
      type: "SUBTABLE",
      value: [
        { id: "1", value: { 電話: { type: "SINGLE_LINE_TEXT", value: "" } } },
        { id: "2", value: { 電話: { type: "SINGLE_LINE_TEXT", value: "03-1234-5678" } } },
      ],
    },
  };
  test.each<[string | null, string]>([
    ["顧客名", "佐藤 花子"],
    ["空", ""],
    ["電話", "03-1234-5678"],
    ["無い", ""],
    ["constructor", ""],
    [null, ""],
  ])("%s reads %j", (code, expected) => {
    expect(readCode(record, code, singleText)).toBe(expected);
  });
});
