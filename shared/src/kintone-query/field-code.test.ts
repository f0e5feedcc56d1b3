import { describe, expect, test } from "vitest";
import { isQueryableFieldCode } from "./field-code.ts";

describe("isQueryableFieldCode", () => {
  test.each([
    ["Japanese code", "更新日時", true],
    ["underscore and digits", "文字列__1行_", true],
    ["$id system code", "$id", true],
    ["empty", "", false],
    ["space", "顧客 名", false],
    ["ideographic space U+3000", "顧客\u3000名", false],
    ["tab", "a\tb", false],
    ["double quote", 'a"b', false],
    ["single quote", "a'b", false],
    ["parenthesis", "a(b", false],
    ["comma", "a,b", false],
    ["operator =", "a=b", false],
    ["operator <", "a<b", false],
    ["operator !", "a!b", false],
    ["backslash", "a\\b", false],
  ])("%s → %s", (_rule, code, expected) => {
    expect(isQueryableFieldCode(code)).toBe(expected);
  });
});
