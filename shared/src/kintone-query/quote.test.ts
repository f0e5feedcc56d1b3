import { describe, expect, test } from "vitest";
import { quote } from "./quote.ts";

describe("quote", () => {
  test.each([
    ["plain text is wrapped in double quotes", "株式会社サンプル", '"株式会社サンプル"'],
    ["a double quote is escaped", 'say "hi"', '"say \\"hi\\""'],
    ["a backslash is escaped before the quote", 'a\\"b', '"a\\\\\\"b"'],
    ["a trailing backslash cannot escape the closing quote", "C:\\", '"C:\\\\"'],
    ["a raw tab becomes \\t (raw is CB_VA01)", "a\tb", '"a\\tb"'],
    ["a raw newline becomes \\n (raw is CB_VA01)", "a\nb", '"a\\nb"'],
    ["CR LF becomes one \\n", "a\r\nb", '"a\\nb"'],
    ["a lone CR becomes \\n", "a\rb", '"a\\nb"'],
    ["an injection attempt stays inside the literal", '" or $id > "0', '"\\" or $id > \\"0"'],
    ["empty string", "", '""'],
  ])("%s", (_rule, value, expected) => {
    expect(quote(value)).toBe(expected);
  });
});
