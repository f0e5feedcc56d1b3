import { describe, expect, test } from "vitest";
import { identityKey, normalizeText } from "./normalize.ts";

describe("normalizeText", () => {
  test.each([
    ["I7: trimmed", "  佐藤 花子 ", "佐藤 花子"],
    ["I7: ideographic space U+3000 is white space", "佐藤\u3000花子", "佐藤 花子"],
    ["I7: runs collapse to one space", "佐藤 \t\u3000 花子", "佐藤 花子"],
    ["I7: line breaks collapse too", "株式会社\r\nサンプル\n", "株式会社 サンプル"],
    ["I7: NFKC full-width Latin and digits", "ＡＢＣ１２３", "ABC123"],
    ["I7: NFKC half-width kana", "ｻﾝﾌﾟﾙ", "サンプル"],
    ["I7: NFKC ㈱ becomes (株)", "㈱サンプル", "(株)サンプル"],
    ["I7: NFKC full-width parentheses", "（株）サンプル", "(株)サンプル"],
    ["I7: no-break space", "a\u00a0b", "a b"],
    ["case is kept", "Sample Inc.", "Sample Inc."],
    ["empty stays empty", " \u3000 ", ""],
  ])("%s", (_rule, input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });
});

describe("normalizeText reads as its former one-liner did (issue 16's fast path)", () => {
  const reference = (text: string) => text.normalize("NFKC").replace(/\s+/gu, " ").trim();
  test.each([
    "",
    "佐藤 花子",
    "佐藤  花子",
    "佐藤　花子",
    " 佐藤 花子",
    "佐藤 花子 ",
    "佐藤\t花子",
    "佐藤\n花子",
    "a\u00a0b",
    "a\u2003 b",
    "a\u2028b",
    "a\ufeffb",
    "\u3000",
    "ＡＢＣ　商事",
    "ｻﾝﾌﾟﾙ ｶﾌﾞｼｷｶﾞｲｼｬ",
    "㈱サンプル",
    "（株）サンプル",
    "株式会社 サンプル",
    "サンプル(株)",
    "Sample Co., Ltd.",
    "customer00001@example.com",
    "03-0000-1000",
    "\u2460\u2461 \u33a1",
    "e\u0301",
  ])("%j", (input) => {
    expect(normalizeText(input)).toBe(reference(input));
  });
});

describe("identityKey", () => {
  test.each([
    [
      "I7: full-width and spacing differences are the same customer",
      ["佐藤\u3000花子", "ｻﾝﾌﾟﾙ"],
      ["佐藤 花子 ", "サンプル"],
      true,
    ],
    ["I7: a different company is a different customer", ["佐藤 花子", "A社"], ["佐藤 花子", "B社"], false],
    ["I7: joining is unambiguous across the boundary", ["a b", "c"], ["a", "b c"], false],
    ["I7: a quote in a name cannot forge a boundary", ['a","b', "c"], ["a", 'b","c'], false],
  ])("%s", (_rule, [nameA, companyA], [nameB, companyB], same) => {
    expect(identityKey(nameA ?? "", companyA ?? "") === identityKey(nameB ?? "", companyB ?? "")).toBe(same);
  });
});
