/** Every error code the query compiler answers, with its shape (code, 400, messages, errors key). */
import { describe, expect, test } from "vitest";
import { ctx, thrown } from "./fixtures.ts";
import { compileQuery, KintoneQueryError } from "./index.ts";

describe("error codes", () => {
  test.each([
    ["CB_VA01: syntax error", 'title = "a', "CB_VA01", "query"],
    ["CB_VA01: a literal that is not a number", 'amount = "abc"', "CB_VA01", "query"],
    ["CB_VA01: a literal that is not a date", 'day = "2024-02-30"', "CB_VA01", "query"],
    ["CB_VA01: a literal that is not a datetime", 'at > "yesterday"', "CB_VA01", "query"],
    ["CB_VA01: a literal that is not a time", 'time = "25:00"', "CB_VA01", "query"],
    ["CB_VA01: a date function on a number", "amount = TODAY()", "CB_VA01", "query"],
    ["CB_VA01: a date function on a time", "time = NOW()", "CB_VA01", "query"],
    ["CB_VA01: LOGINUSER() on a text field", "title in (LOGINUSER())", "CB_VA01", "query"],
    [
      "CB_VA01: PRIMARY_ORGANIZATION() on a user field",
      "users in (PRIMARY_ORGANIZATION())",
      "CB_VA01",
      "query",
    ],
    ["CB_VA01: more than 10 like keywords", 'title like "a b c d e f g h i j k"', "CB_VA01", "query"],
    ["CB_VA01: limit/offset for the cursor API", "limit 10", "CB_VA01", "query", { allowLimitOffset: false }],
    ["GAIA_IQ11: unknown field", 'nope = "1"', "GAIA_IQ11"],
    ["GAIA_IQ11: $revision is not queryable", "$revision = 1", "GAIA_IQ11"],
    ["GAIA_IQ11: field codes are case-sensitive", 'Title = "a"', "GAIA_IQ11"],
    ["GAIA_IQ03: operator not allowed for the type", 'memo = "x"', "GAIA_IQ03"],
    ["GAIA_IQ03: is empty on RICH_TEXT (measured table)", "rich is empty", "GAIA_IQ03"],
    ["GAIA_IQ03: = on a drop-down with a valid option", 'drop = "A"', "GAIA_IQ03"],
    ["GAIA_IQ07: = on a table field", 'item_name = "x"', "GAIA_IQ07"],
    ["GAIA_IQ10: option not among the drop-down's options", 'drop in ("Z")', "GAIA_IQ10"],
    ["GAIA_IQ10 is checked before GAIA_IQ03", 'drop = "Z"', "GAIA_IQ10"],
    ["GAIA_IQ10 on a check box", 'checks not in ("A", "Z")', "GAIA_IQ10"],
    ["GAIA_IQ23: bad day", "day = THIS_MONTH(32)", "GAIA_IQ23"],
    ["GAIA_IQ25: bad unit", "day = FROM_TODAY(1, HOURS)", "GAIA_IQ25"],
    ["GAIA_IL08: bad argument count", "day = TODAY(1)", "GAIA_IL08"],
    ["GAIA_QU01: limit over 500", "limit 501", "GAIA_QU01"],
    ["GAIA_QU02: offset over 10000", "offset 10001", "GAIA_QU02"],
  ] as [string, string, string, string?, { allowLimitOffset?: boolean }?][])(
    "%s",
    (_name, query, code, errorsKey, opts) => {
      const e = thrown(() => compileQuery(query, ctx(), opts));
      expect(e).toBeInstanceOf(Error);
      expect(e.code).toBe(code);
      expect(e.status).toBe(400);
      expect(e.messages.ja).not.toBe("");
      expect(e.messages.en).not.toBe("");
      if (errorsKey) expect(Object.keys(e.errors ?? {})).toEqual([errorsKey]);
      else expect(e.errors).toBeUndefined();
    },
  );

  test("GAIA_IQ11 carries kintone's texts with the field code", () => {
    const e = thrown(() => compileQuery('nope = "1"', ctx()));
    expect(e.messages).toEqual({
      ja: "指定されたフィールド（nope）が見つかりません。",
      en: "Specified field (nope) not found.",
    });
  });

  test("GAIA_IQ03 names the field and the operator", () => {
    expect(thrown(() => compileQuery('memo = "x"', ctx())).messages.ja).toBe(
      "memoフィールドのフィールドタイプには演算子=を使用できません。",
    );
  });

  test("conditions are checked in the order written", () => {
    expect(thrown(() => compileQuery('memo = "x" and nope = "1"', ctx())).code).toBe("GAIA_IQ03");
    expect(thrown(() => compileQuery('nope = "1" and memo = "x"', ctx())).code).toBe("GAIA_IQ11");
  });

  test("the class is exported and is an Error", () => {
    const e = thrown(() => compileQuery("limit 501", ctx()));
    expect(e).toBeInstanceOf(KintoneQueryError);
    expect(e.name).toBe("KintoneQueryError");
    expect(e.message).toContain("GAIA_QU01");
  });
});
