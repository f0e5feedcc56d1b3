import { describe, expect, test } from "vitest";
import { messages } from "./catalogue.ts";
import { checkText, formatCode, formatMessage, isErrorCode, placeholdersOf, textOfCode } from "./format.ts";
import { fieldTypeLabel, tokenPermissionLabels } from "./labels.ts";

const codes = Object.keys(messages).filter(isErrorCode);

// A placeholder missing from one language would print "{code}" to that language's readers.
describe("placeholders", () => {
  test.each(codes)("%s uses the same placeholders in ja and en", (code) => {
    const ja = placeholdersOf(messages[code].ja).sort();
    const en = placeholdersOf(messages[code].en).sort();
    expect(en).toEqual(ja);
  });

  test.each(
    codes.filter((code) => code.startsWith("CHECK_") && !code.endsWith("_FIX") && code !== "CHECK_OK"),
  )("%s has a fix", (code) => {
    expect(isErrorCode(`${code}_FIX`)).toBe(true);
  });
});

describe("formatMessage", () => {
  test.each([
    [
      "ja: a string parameter",
      () => formatMessage("CHECK_FIELD_MISSING", "ja", { code: "会社名", appId: "14" }),
      "アプリ（ID: 14）にフィールドコード「会社名」のフィールドがありません。削除されたか、フィールドコードが変わっています。",
    ],
    [
      "en: a number parameter",
      () => formatMessage("SETTINGS_SAME_APP", "en", { appId: 14 }),
      "The customer app and the activity app are the same app (ID: 14). Choose two different apps.",
    ],
    [
      "ja: a Message parameter is rendered in Japanese",
      () =>
        formatMessage("CHECK_TOKEN_PERMISSION_MISSING", "ja", {
          appId: "15",
          permission: tokenPermissionLabels.edit,
        }),
      "アプリ（ID: 15）の API トークンに「レコード編集」の権限がありません。",
    ],
    [
      "en: a Message parameter is rendered in English",
      () =>
        formatMessage("CHECK_TOKEN_PERMISSION_MISSING", "en", {
          appId: "15",
          permission: tokenPermissionLabels.edit,
        }),
      'The API token for app 15 does not have the "Edit records" permission.',
    ],
    ["no parameters needed", () => formatMessage("NOT_FOUND", "en"), "Not found."],
    [
      "a value that looks like a placeholder is not expanded again",
      () => formatMessage("INVALID_PARAMETER", "en", { name: "{name}" }),
      'The parameter "{name}" has an invalid value.',
    ],
  ])("%s", (_rule, render, expected) => {
    expect(render()).toBe(expected);
  });

  test("a missing parameter stays visible instead of vanishing", () => {
    expect(formatCode("CHECK_FIELD_MISSING", "en", { code: "x" })).toContain("{appId}");
  });
});

// Codes read at run time (a stored reason, a run's error) are told apart from any other string.
describe("isErrorCode", () => {
  test.each([
    ["a catalogue code", "SETTINGS_NOT_FOUND", true],
    ["a check's fix twin", "CHECK_NOT_LOOKUP_FIX", true],
    ["a code the catalogue lacks", "KINTONE_GAIA_XX99", false],
    ["lower case is not the code", "settings_not_found", false],
    ["an Object.prototype member is not a code", "constructor", false],
    ["toString neither", "toString", false],
    ["empty", "", false],
  ])("%s", (_rule, code, expected) => {
    expect(isErrorCode(code)).toBe(expected);
  });
});

describe("textOfCode", () => {
  test.each([
    [
      "a code is worded, parameters filled",
      "INVALID_PARAMETER",
      "en",
      { name: "limit" },
      'The parameter "limit" has an invalid value.',
    ],
    ["in Japanese", "NOT_FOUND", "ja", undefined, "見つかりません。"],
    [
      "a code the catalogue lacks is shown as it is",
      "KINTONE_GAIA_XX99",
      "en",
      undefined,
      "KINTONE_GAIA_XX99",
    ],
    ["an Object.prototype member is shown as it is", "constructor", "ja", undefined, "constructor"],
  ] as const)("%s", (_rule, code, language, params, expected) => {
    expect(textOfCode(code, language, params)).toBe(expected);
  });
});

describe("checkText", () => {
  test.each([
    [
      "a check with a fix returns both",
      () => checkText("CHECK_NAME_NOT_UNIQUE", "ja", { code: "顧客名" }),
      {
        message:
          "顧客名のフィールド「顧客名」で「値の重複を禁止する」がオンになっていません。同じ名前の顧客レコードが重複して作られるおそれがあります。",
        fix: "アプリの設定 > フォーム で「顧客名」フィールドの設定を開き、「値の重複を禁止する」にチェックを入れて保存し、「アプリを更新」を押してください。",
      },
    ],
    ["CHECK_OK has no fix", () => checkText("CHECK_OK", "en"), { message: "No problems found." }],
    [
      "parameters of the fix are filled too",
      () => checkText("CHECK_NOT_LOOKUP", "en", { code: "顧客", appId: "14" }),
      {
        message: 'The field "顧客" is not a Lookup field.',
        fix: 'Choose a Lookup field that points at the customer app (ID: 14), or add one to the activity app and click "Update App".',
      },
    ],
  ])("%s", (_rule, render, expected) => {
    expect(render()).toEqual(expected);
  });
});

describe("labels", () => {
  test.each([
    ["a known type has kintone's label", "SINGLE_LINE_TEXT", { ja: "文字列（1行）", en: "Text" }],
    ["an unknown type falls back to its code", "NEW_TYPE", { ja: "NEW_TYPE", en: "NEW_TYPE" }],
  ])("%s", (_rule, type, expected) => {
    expect(fieldTypeLabel(type)).toEqual(expected);
  });
});
