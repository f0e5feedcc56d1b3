/**
 * kintone's `like` is a word search (kintone help "search_details"); these rows pin the rules our
 * tokenizer follows, so a change of rule shows up as a named failure.
 */
import { describe, expect, test } from "vitest";
import { compileWordSearch, normalizeForSearch, splitKeywords, tokenize } from "./word-search.ts";

describe("tokenize", () => {
  test.each([
    ["letters and digits form one word", "test0001", ["test0001"]],
    ["a hyphen splits words", "test-0001", ["test", "0001"]],
    ["_ # + belong to words", "foo_bar#1+2", ["foo_bar#1+2"]],
    [
      "every documented symbol splits words",
      "a-b&c|d/e!f(g)h{i}j[k]l^m\"n~o*p?q:r;s\\t$u%v@w'x=y<z>1,2.3`4",
      [..."abcdefghijklmnopqrstuvwxyz1234"],
    ],
    ["case folds to lower", "Hello WORLD", ["hello", "world"]],
    ["full-width letters and U+3000 fold like half-width", "ＡＢＣ　ｄｅｆ", ["abc", "def"]],
    ["full-width symbols split like half-width ones", "ＴＥＳＴ－０００１", ["test", "0001"]],
    ["half-width katakana folds to full-width", "ﾃｽﾄｰ", ["テストー"]],
    ["a Japanese run is one word, split from Latin", "東京都abc", ["東京都", "abc"]],
    ["Japanese punctuation splits runs", "東京、大阪「京都」", ["東京", "大阪", "京都"]],
    ["an e-mail address splits at @ and .", "Foo@Example.com", ["foo", "example", "com"]],
    ["accented Latin stays in the word", "Café au lait", ["café", "au", "lait"]],
  ])("%s", (_name, text, expected) => {
    expect(tokenize(text)).toEqual(expected);
  });
});

describe("like matching", () => {
  const search = (keyword: string, text: string) =>
    compileWordSearch(splitKeywords(keyword))(normalizeForSearch(text));

  test.each([
    ['like: "test" does not find "test0001"', "test", "test0001", false],
    ['like: "test" finds "test-0001"', "test", "test-0001", true],
    ['like: "0001" finds "test-0001"', "0001", "test-0001", true],
    ['like: "test" does not find "test_0001" (_ is part of words)', "test", "test_0001", false],
    ['like: "test" does not find "pretest"', "test", "pretest", false],
    ['like: "key" does not find "gamma keyword" (measured)', "key", "gamma keyword", false],
    ['like: "keyword" finds "gamma keyword" (measured)', "keyword", "gamma keyword", true],
    ["like: Latin is case-insensitive", "TEST", "a Test here", true],
    ['like: "c#" finds "C# code"', "c#", "C# code", true],
    ['like: "c" does not find "c#"', "c", "c#", false],
    ['like: "example" finds "foo@example.com"', "example", "foo@example.com", true],
    ['like: "example.com" finds "foo@example.com" (both words)', "example.com", "foo@example.com", true],
    ["like: full-width keyword finds half-width text", "ｔｅｓｔ", "test", true],
    ["like: katakana width is not distinguished", "テスト", "ﾃｽﾄ環境", true],
    ['like: "田中" finds "田中太郎" (2+ characters match inside a run)', "田中", "田中太郎", true],
    ['like: "中太" finds "田中太郎"', "中太", "田中太郎", true],
    ['like: "田" does not find "田中" (1 character needs a 1-character word)', "田", "田中", false],
    ['like: "田" finds "田 中"', "田", "田 中", true],
    ['like: "田" finds "田-中"', "田", "田-中", true],
    ['like: "田" finds "abc田"', "田", "abc田", true],
    ["like: hiragana is not katakana", "てすと", "テスト", false],
    ["like: a Latin word next to Japanese is whole", "abc", "abc東京", true],
    ["like: several keywords must all match", "abc def", "def and abc", true],
    ["like: several keywords, one missing", "abc def", "abc xyz", false],
    ["like: U+3000 separates keywords", "abc　def", "def abc", true],
    ["like: a keyword's words need not be adjacent (simplification)", "test-0001", "0001 test", true],
    ['like: "" matches any text', "", "anything", true],
    ['like: "" matches empty text', "", "", true],
    ["like: a symbol-only keyword is ignored", "-", "anything", true],
    ["like: an astral kanji is Japanese", "𠮷", "𠮷", true],
    ["like: an astral kanji run is not split", "𠮷", "𠮷野", false],
  ])("%s", (_name, keyword, text, expected) => {
    expect(search(keyword, text)).toBe(expected);
  });

  test("splitKeywords counts whitespace-separated keywords", () => {
    expect(splitKeywords(" a  b\u3000c\td ")).toEqual(["a", "b", "c", "d"]);
  });
});
