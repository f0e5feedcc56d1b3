/**
 * The operator table of kintone's query language (facts §3, measured): every operator against
 * every field type of the fixture form, allowed or GAIA_IQ03.
 */
import { describe, expect, test } from "vitest";
import { ctx, thrown } from "./fixtures.ts";
import { compileQuery } from "./index.ts";

const OPERATORS = [
  "=",
  "!=",
  "<",
  ">",
  "<=",
  ">=",
  "in",
  "not in",
  "like",
  "not like",
  "is empty",
  "is not empty",
];
const COMPARE = ["=", "!=", "<", ">", "<=", ">="];
const IN = ["in", "not in"];
const LIKE = ["like", "not like"];
const EMPTY = ["is empty", "is not empty"];

/** [type, field code in FORM, a literal valid for it, allowed operators] */
const TABLE: [string, string, string, string[]][] = [
  ["__ID__ ($id)", "$id", "1", [...COMPARE, ...IN]],
  ["RECORD_NUMBER", "レコード番号", "1", [...COMPARE, ...IN]],
  ["NUMBER", "amount", "1", [...COMPARE, ...IN]],
  ["CALC", "calc", "1", [...COMPARE, ...IN]],
  ["SINGLE_LINE_TEXT", "title", "x", ["=", "!=", ...IN, ...LIKE]],
  ["LINK", "url", "x", ["=", "!=", ...IN, ...LIKE]],
  ["MULTI_LINE_TEXT", "memo", "x", [...LIKE, ...EMPTY]],
  ["RICH_TEXT", "rich", "x", LIKE],
  ["FILE", "files", "x", [...LIKE, ...EMPTY]],
  ["CHECK_BOX", "checks", "A", IN],
  ["RADIO_BUTTON", "radio", "A", IN],
  ["DROP_DOWN", "drop", "A", IN],
  ["MULTI_SELECT", "multi", "A", IN],
  ["DATE", "day", "2024-01-01", COMPARE],
  ["TIME", "time", "10:00", COMPARE],
  ["DATETIME", "at", "2024-01-01T00:00:00Z", COMPARE],
  ["CREATED_TIME", "作成日時", "2024-01-01T00:00:00Z", COMPARE],
  ["UPDATED_TIME", "更新日時", "2024-01-01T00:00:00Z", COMPARE],
  ["USER_SELECT", "users", "sato", IN],
  ["ORGANIZATION_SELECT", "orgs", "sales", IN],
  ["GROUP_SELECT", "groups", "g1", IN],
  ["CREATOR", "作成者", "sato", IN],
  ["MODIFIER", "更新者", "sato", IN],
  ["STATUS", "status", "x", ["=", "!=", ...IN]],
  ["STATUS_ASSIGNEE", "assignee", "sato", IN],
  ["GROUP (layout)", "grp", "x", []],
  ["SUBTABLE (the table itself)", "items", "x", []],
  ["table field SINGLE_LINE_TEXT (no = / !=: GAIA_IQ07)", "item_name", "x", [...IN, ...LIKE]],
  ["table field NUMBER", "qty", "1", ["<", ">", "<=", ">=", ...IN]],
  ["table field MULTI_LINE_TEXT", "item_memo", "x", [...LIKE, ...EMPTY]],
  ["table field DATE", "item_date", "2024-01-01", ["<", ">", "<=", ">="]],
  ["table field DROP_DOWN", "kind", "A", IN],
];

const TABLE_FIELDS = new Set(["item_name", "qty", "item_memo", "item_date", "kind"]);

function queryFor(code: string, op: string, literal: string): string {
  if (op === "in" || op === "not in") return `${code} ${op} ("${literal}")`;
  if (op.startsWith("is")) return `${code} ${op}`;
  return `${code} ${op} "${literal}"`;
}

const rows = TABLE.flatMap(([type, code, literal, allowed]) =>
  OPERATORS.map((op) => {
    const inTable = TABLE_FIELDS.has(code) && (op === "=" || op === "!=");
    const expected = allowed.includes(op) ? "allowed" : inTable ? "GAIA_IQ07" : "GAIA_IQ03";
    return { name: `${type} ${op}: ${expected}`, query: queryFor(code, op, literal), expected };
  }),
);

describe("operator table", () => {
  test.each(rows)("$name", ({ query, expected }) => {
    if (expected === "allowed") {
      expect(() => compileQuery(query, ctx())).not.toThrow();
    } else {
      expect(thrown(() => compileQuery(query, ctx())).code).toBe(expected);
    }
  });
});
