/** What each operator means per field type, on three records: full, partly set, unset. */
import { describe, expect, test } from "vitest";
import type { KintoneRecord } from "../model/kintone-types.ts";
import { ctx, field, form, hits, rec } from "./fixtures.ts";

const records = [
  rec(1, {
    title: "Apple",
    url: "https://example.com/a",
    memo: "hello world",
    rich: "<p>hello <b>world</b> &amp; more</p>",
    amount: "10",
    calc: "10",
    day: "2024-05-01",
    at: "2024-05-01T00:00:00Z",
    time: "09:30",
    radio: "A",
    drop: "A",
    checks: ["A", "B"],
    multi: ["C"],
    users: ["sato"],
    orgs: ["sales"],
    groups: ["g1"],
    files: ["report.pdf"],
    status: "未処理",
    assignee: ["sato"],
    作成者: "sato",
    更新者: "suzuki",
    作成日時: "2024-05-01T00:00:00Z",
    更新日時: "2024-05-10T09:15:00Z",
  }),
  rec(2, {
    title: "apple",
    memo: " \u3000\n\t",
    amount: "-5.5",
    calc: "-5.5",
    day: "2024-05-31",
    at: "2024-05-31T23:59:00Z",
    time: "18:00",
    radio: "B",
    drop: null,
    checks: [],
    multi: ["A", "C"],
    users: ["suzuki", "tanaka"],
    status: "完了",
    作成者: "suzuki",
    更新者: "sato",
    作成日時: "2024-05-02T00:00:00Z",
    更新日時: "2024-05-10T09:16:00Z",
  }),
  rec(3, { radio: "", drop: "B", checks: ["C"], 作成者: "tanaka" }),
];

describe("condition semantics", () => {
  test.each([
    // numbers
    ["NUMBER =: numeric, bare or quoted", "amount = 10", [1]],
    ['NUMBER =: "10.0" is 10', 'amount = "10.0"', [1]],
    ["NUMBER !=: unset values match (negation of =)", "amount != 10", [2, 3]],
    ["NUMBER <", "amount < 0", [2]],
    ["NUMBER <=", "amount <= 10", [1, 2]],
    ["NUMBER > a negative decimal", "amount > -5.5", [1]],
    ["NUMBER >=", 'amount >= "-5.5"', [1, 2]],
    ["NUMBER in", 'amount in ("10", "-5.5")', [1, 2]],
    ["NUMBER not in: unset values match", 'amount not in ("10")', [2, 3]],
    ['NUMBER in (""): unset', 'amount in ("")', [3]],
    ['NUMBER = "": unset', 'amount = ""', [3]],
    ['NUMBER != "": set', 'amount != ""', [1, 2]],
    ['NUMBER < "": nothing', 'amount < ""', []],
    ["CALC compares numerically", "calc >= 0", [1]],
    ["$id =", "$id = 2", [2]],
    ["$id >", '$id > "1"', [2, 3]],
    ["$id in", "$id in (1, 3)", [1, 3]],
    ["$id not in", "$id not in (1)", [2, 3]],
    ["RECORD_NUMBER <", "レコード番号 < 3", [1, 2]],
    // text
    ["text = is case-sensitive", 'title = "Apple"', [1]],
    ["text != includes unset", 'title != "Apple"', [2, 3]],
    ['text in ("") finds unset', 'title in ("apple", "")', [2, 3]],
    ["text not in", 'title not in ("Apple")', [2, 3]],
    ['text = ""', 'title = ""', [3]],
    ["text like is case-insensitive word search", 'title like "APPLE"', [1, 2]],
    ["text not like", 'title not like "apple"', [3]],
    ["LINK like finds a word of the URL", 'url like "example"', [1]],
    ["LINK =", 'url = "https://example.com/a"', [1]],
    ["MULTI_LINE_TEXT like", 'memo like "world"', [1]],
    ["is empty: whitespace-only text is empty (measured)", "memo is empty", [2, 3]],
    ["is not empty", "memo is not empty", [1]],
    ["RICH_TEXT like searches the text", 'rich like "hello"', [1]],
    ["RICH_TEXT like: tag names are not words", 'rich like "b"', []],
    ["RICH_TEXT like: entities are decoded", 'rich like "more"', [1]],
    ["FILE like searches file names", 'files like "report"', [1]],
    ["FILE like: the extension is a word", 'files like "pdf"', [1]],
    ["FILE is empty", "files is empty", [2, 3]],
    ["FILE is not empty", "files is not empty", [1]],
    // dates and times
    ["DATE =", 'day = "2024-05-01"', [1]],
    ["DATE >", 'day > "2024-05-01"', [2]],
    ["DATE <", 'day < "2024-06-01"', [1, 2]],
    ['DATE = "": unset', 'day = ""', [3]],
    ['DATE != "": set', 'day != ""', [1, 2]],
    ["DATE != includes unset", 'day != "2024-05-01"', [2, 3]],
    ["DATETIME = an instant", 'at = "2024-05-01T00:00:00Z"', [1]],
    ["DATETIME > an instant", 'at > "2024-05-01T00:00:00Z"', [2]],
    ["DATETIME literal with an offset", 'at = "2024-05-01T09:00:00+09:00"', [1]],
    ["DATETIME literal with a compact offset", 'at = "2024-05-01T09:00:00+0900"', [1]],
    // Whether kintone drops a literal's seconds is undocumented: the emulator compares them (the stricter reading).
    [
      "DATETIME literal seconds count: a stored minute is before :45 of it",
      'at = "2024-05-01T00:00:45Z"',
      [],
    ],
    [
      "DATETIME literal seconds count: >= :10 of the stored minute misses it",
      'at >= "2024-05-01T00:00:10Z"',
      [2],
    ],
    ["DATETIME literal seconds count: >= the whole minute finds it", 'at >= "2024-05-01T00:00:00Z"', [1, 2]],
    ["DATETIME literal without offset is the user's wall time (Tokyo)", 'at = "2024-05-01T09:00"', [1]],
    ["DATETIME <=", 'at <= "2024-05-31T23:59:00Z"', [1, 2]],
    ["TIME =", 'time = "09:30"', [1]],
    ["TIME >", 'time > "09:30"', [2]],
    ["TIME <", 'time < "12:00"', [1]],
    ["TIME literal seconds are ignored", 'time >= "09:30:59"', [1, 2]],
    ["CREATED_TIME >", '作成日時 > "2024-05-01T00:00:00Z"', [2]],
    ["UPDATED_TIME >= with overlap (the re-sync form)", '更新日時 >= "2024-05-10T09:16:00Z"', [2]],
    // choices
    ["RADIO_BUTTON in", 'radio in ("A")', [1]],
    ["RADIO_BUTTON not in", 'radio not in ("A")', [2, 3]],
    ['RADIO_BUTTON in ("")', 'radio in ("")', [3]],
    ["DROP_DOWN in", 'drop in ("A", "B")', [1, 3]],
    ['DROP_DOWN in (""): null counts as unset', 'drop in ("")', [2]],
    ['DROP_DOWN not in ("")', 'drop not in ("")', [1, 3]],
    ["CHECK_BOX in: any selected option", 'checks in ("B")', [1]],
    ["CHECK_BOX in several", 'checks in ("B", "C")', [1, 3]],
    ["CHECK_BOX not in: none of the options", 'checks not in ("A")', [2, 3]],
    ['CHECK_BOX in (""): nothing selected', 'checks in ("")', [2]],
    ["MULTI_SELECT in", 'multi in ("A")', [2]],
    ["MULTI_SELECT not in", 'multi not in ("C")', [3]],
    // people
    ["USER_SELECT in compares codes", 'users in ("tanaka")', [2]],
    ["USER_SELECT in (LOGINUSER())", "users in (LOGINUSER())", [1]],
    ["USER_SELECT not in", 'users not in ("sato")', [2, 3]],
    ['USER_SELECT in ("")', 'users in ("")', [3]],
    ["ORGANIZATION_SELECT in (PRIMARY_ORGANIZATION())", "orgs in (PRIMARY_ORGANIZATION())", [1]],
    ["GROUP_SELECT in", 'groups in ("g1")', [1]],
    ["CREATOR in (LOGINUSER())", "作成者 in (LOGINUSER())", [1]],
    ["CREATOR in, several codes", '作成者 in ("suzuki", "tanaka")', [2, 3]],
    ["MODIFIER not in", '更新者 not in ("sato")', [1, 3]],
    ["STATUS =", 'status = "完了"', [2]],
    ["STATUS in", 'status in ("未処理")', [1]],
    ["STATUS_ASSIGNEE in (LOGINUSER())", "assignee in (LOGINUSER())", [1]],
    // logic
    ["and binds tighter than or", 'amount = 10 or amount < 0 and title = "x"', [1]],
    ["parentheses", '(amount = 10 or amount < 0) and title = "apple"', [2]],
    ["nested parentheses", '((amount = 10) or (title = "apple" and amount < 0))', [1, 2]],
  ])("%s", (_name, query, expected) => {
    expect(hits(query, records)).toEqual(expected);
  });
});

describe("LOGINUSER() under API-token auth (no login user: names nobody)", () => {
  const token = ctx({ loginUser: null, primaryOrganization: null });
  test.each([
    ["in (LOGINUSER()) matches nothing", "作成者 in (LOGINUSER())", []],
    ["not in (LOGINUSER()) matches everything", "作成者 not in (LOGINUSER())", [1, 2, 3]],
    ["other codes in the list still count", '作成者 in (LOGINUSER(), "tanaka")', [3]],
    ["PRIMARY_ORGANIZATION() without one matches nothing", "orgs in (PRIMARY_ORGANIZATION())", []],
  ])("%s", (_name, query, expected) => {
    expect(hits(query, records, token)).toEqual(expected);
  });
});

describe("record numbers with an app code", () => {
  const withCode = [2, 9, 10].map((id) => rec(id, { レコード番号: `APP-${id}` }));
  test.each([
    ['"APP-10" is compared by its number', 'レコード番号 = "APP-10"', [10]],
    ["a plain number matches the numeric part", "レコード番号 = 10", [10]],
    ["ordering is numeric, not textual", "レコード番号 > 9", [10]],
    ["in with both spellings", 'レコード番号 in ("APP-2", "9")', [2, 9]],
  ])("%s", (_name, query, expected) => {
    expect(hits(query, withCode)).toEqual(expected);
  });
});

describe("values kintone stores differently", () => {
  const properties = form(field("n", "NUMBER"), field("t", "DATETIME"));
  const missing: KintoneRecord = { $id: { type: "__ID__", value: "2" } };
  const odd = [rec(1, { n: "1e1", t: "2024-05-01T00:00:30.000Z" }, properties), missing];
  test.each([
    ["a number in exponent form is still a number", "n = 10", [1]],
    [
      "a non-canonical DATETIME value is read by Date.parse, at minute precision",
      't = "2024-05-01T00:00:00Z"',
      [1],
    ],
    ["a field missing from the record counts as unset", 'n in ("")', [2]],
  ])("%s", (_name, query, expected) => {
    expect(hits(query, odd, ctx({ properties }))).toEqual(expected);
  });
});
