import { describe, expect, test } from "vitest";
import { matchKey, normalizeCompany, normalizePersonName } from "./company.ts";

describe("normalizeCompany", () => {
  test.each([
    ["株式会社 as a prefix", "株式会社サンプル", "サンプル"],
    ["株式会社 as a suffix", "サンプル株式会社", "サンプル"],
    ["株式会社 with a space after it", "株式会社　サンプル", "サンプル"],
    ["(株) half-width", "(株)サンプル", "サンプル"],
    ["（株） full-width (NFKC)", "（株）サンプル", "サンプル"],
    ["㈱ (NFKC)", "㈱サンプル", "サンプル"],
    ["(株) as a suffix", "サンプル(株)", "サンプル"],
    ["half-width kana (NFKC)", "ｻﾝﾌﾟﾙ株式会社", "サンプル"],
    ["有限会社", "有限会社サンプル", "サンプル"],
    ["(有)", "(有)サンプル", "サンプル"],
    ["㈲", "サンプル㈲", "サンプル"],
    ["合同会社", "合同会社サンプル", "サンプル"],
    ["合資会社", "サンプル合資会社", "サンプル"],
    ["合名会社", "合名会社サンプル", "サンプル"],
    ["一般社団法人", "一般社団法人サンプル協会", "サンプル協会"],
    ["一般財団法人", "一般財団法人サンプル財団", "サンプル財団"],
    ["公益社団法人", "公益社団法人サンプル", "サンプル"],
    ["公益財団法人", "公益財団法人サンプル", "サンプル"],
    ["医療法人", "医療法人サンプル会", "サンプル会"],
    ["医療法人社団 removed whole", "医療法人社団サンプル会", "サンプル会"],
    ["学校法人", "学校法人サンプル学園", "サンプル学園"],
    ["社会福祉法人", "社会福祉法人サンプル会", "サンプル会"],
    ["特定非営利活動法人", "特定非営利活動法人サンプル", "サンプル"],
    ["NPO法人", "NPO法人サンプル", "サンプル"],
    ["NPO法人 full-width Latin", "ＮＰＯ法人サンプル", "サンプル"],
    ["Co., Ltd.", "Sample Co., Ltd.", "sample"],
    ["Co.,Ltd.", "Sample Co.,Ltd.", "sample"],
    ["Co.,Ltd. attached to Japanese", "サンプルCo.,Ltd.", "サンプル"],
    ["Inc. after a comma", "Sample, Inc.", "sample"],
    ["Inc without the dot", "Sample Inc", "sample"],
    ["Corp.", "Sample Corp.", "sample"],
    ["Corporation", "Sample Corporation", "sample"],
    ["K.K.", "Sample K.K.", "sample"],
    ["Ltd.", "Sample Ltd.", "sample"],
    ["Latin forms are case-insensitive", "SAMPLE CO., LTD.", "sample"],
    ["full-width Latin (NFKC)", "Ｓａｍｐｌｅ　Ｉｎｃ．", "sample"],
    ["a Latin form inside a word is kept", "Zinc", "zinc"],
    ["a leading Latin word is part of the name", "Corp Solutions", "corp solutions"],
    ["a form in the middle is kept", "サンプル株式会社東京支店", "サンプル株式会社東京支店"],
    ["forms at both ends", "株式会社サンプル(株)", "サンプル"],
    ["inner spaces collapse", "  Sample   Trading  Inc. ", "sample trading"],
    ["nothing but a legal form is kept", "株式会社", "株式会社"],
    ["empty stays empty", "　", ""],
  ])("%s", (_rule, input, expected) => {
    expect(normalizeCompany(input)).toBe(expected);
  });

  test("the brief's five spellings are one company", () => {
    const spellings = ["株式会社サンプル", "(株)サンプル", "㈱サンプル", "サンプル株式会社", "ｻﾝﾌﾟﾙ株式会社"];
    expect(new Set(spellings.map(normalizeCompany))).toEqual(new Set(["サンプル"]));
  });
});

describe("normalizePersonName", () => {
  test.each([
    ["a half-width space is ignored", "山田 太郎", "山田太郎"],
    ["an ideographic space is ignored", "山田\u3000太郎", "山田太郎"],
    ["half-width kana (NFKC)", "ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダタロウ"],
    ["Latin lower-cased, spaces removed", "Taro  YAMADA", "taroyamada"],
    ["full-width Latin (NFKC)", "Ｔａｒｏ", "taro"],
    ["tabs, line breaks and no-break spaces are ignored too", " 山田\t\n太郎\u00a0Jr ", "山田太郎jr"],
    ["a run of mixed white space", "山田 \u3000\u2003太郎", "山田太郎"],
    ["nothing but white space", " \u3000\ufeff", ""],
  ])("%s", (_rule, input, expected) => {
    expect(normalizePersonName(input)).toBe(expected);
    // As before its fast path (issue 16): every white space removed after NFKC, then lower-cased.
    expect(normalizePersonName(input)).toBe(input.normalize("NFKC").replace(/\s+/gu, "").toLowerCase());
  });
});

describe("matchKey", () => {
  test.each<[string, [string, string], [string, string], boolean]>([
    [
      "legal form, width and spacing ignored",
      ["山田 太郎", "株式会社サンプル"],
      ["山田太郎", "ｻﾝﾌﾟﾙ(株)"],
      true,
    ],
    ["white space inside the company ignored", ["山田", "サンプル 商事"], ["山田", "サンプル商事"], true],
    ["another person", ["山田 太郎", "サンプル"], ["山田 次郎", "サンプル"], false],
    ["another company", ["山田 太郎", "サンプル"], ["山田 太郎", "サンプル商事"], false],
    ["I2: name only = name copied into company", ["佐藤 花子", ""], ["佐藤 花子", "佐藤 花子"], true],
    [
      "I3: company only = company copied into name",
      ["", "(株)サンプル"],
      ["株式会社サンプル", "株式会社サンプル"],
      true,
    ],
    ["a name only is not that name at a company", ["佐藤 花子", ""], ["佐藤 花子", "サンプル"], false],
    ["no boundary forgery", ['a","b', "c"], ["a", 'b","c'], false],
  ])("%s", (_rule, [nameA, companyA], [nameB, companyB], same) => {
    expect(matchKey(nameA, companyA) === matchKey(nameB, companyB)).toBe(same);
  });
});
