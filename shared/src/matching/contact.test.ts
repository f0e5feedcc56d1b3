import { describe, expect, test } from "vitest";
import { normalizeEmail, normalizePhone } from "./contact.ts";

describe("normalizeEmail", () => {
  test.each([
    ["trimmed and lower-cased", "  Sato@Example.CO.JP ", "sato@example.co.jp"],
    ["full-width (NFKC)", "ｓａｔｏ＠ｅｘａｍｐｌｅ．ｊｐ", "sato@example.jp"],
    ["empty stays empty", " ", ""],
  ])("%s", (_rule, input, expected) => {
    expect(normalizeEmail(input)).toBe(expected);
  });
});

describe("normalizePhone", () => {
  test.each([
    ["hyphens go", "03-1234-5678", "0312345678"],
    ["spaces and parentheses go", "(03) 1234 5678", "0312345678"],
    ["full-width digits and hyphens (NFKC)", "０３－１２３４－５６７８", "0312345678"],
    ["+81 becomes 0", "+81 3-1234-5678", "0312345678"],
    ["full-width ＋81", "＋８１ ３ １２３４ ５６７８", "0312345678"],
    ["+81 (0)3 keeps one 0", "+81 (0)3-1234-5678", "0312345678"],
    ["+81 mobile", "+81-90-1234-5678", "09012345678"],
    ["another country keeps its +", "+1 (555) 010-0000", "+15550100000"],
    ["no digits: empty", "なし", ""],
  ])("%s", (_rule, input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });
});
