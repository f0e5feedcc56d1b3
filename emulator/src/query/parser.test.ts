import { describe, expect, test } from "vitest";
import { ctx, hits, rec, thrown } from "./fixtures.ts";
import { compileQuery } from "./index.ts";
import { parseQuery } from "./parser.ts";

describe("grammar", () => {
  test.each([
    ["empty query: no condition, no clauses", "", { where: null, orderBy: [], limit: null, offset: null }],
    ["whitespace only", " \t\n\u3000", { where: null, orderBy: [], limit: null, offset: null }],
    ["limit alone (the official client's probe)", "limit 500", { where: null, limit: 500 }],
    ["offset alone", "offset 20", { where: null, offset: 20 }],
    ["order by alone", "order by $id asc", { where: null, orderBy: [{ field: "$id", direction: "asc" }] }],
    [
      "all clauses in order",
      'title = "a" order by amount asc, title desc limit 10 offset 20',
      {
        where: { kind: "compare", field: "title", op: "=" },
        orderBy: [
          { field: "amount", direction: "asc" },
          { field: "title", direction: "desc" },
        ],
        limit: 10,
        offset: 20,
      },
    ],
    [
      "keywords are case-insensitive",
      'title NOT IN ("a") AND memo IS NOT EMPTY Or memo Like "x" ORDER BY $id ASC LIMIT 1 OFFSET 2',
      {
        where: {
          kind: "or",
          items: [
            {
              kind: "and",
              items: [
                { kind: "in", negated: true },
                { kind: "empty", negated: true },
              ],
            },
            { kind: "like", negated: false },
          ],
        },
        orderBy: [{ field: "$id", direction: "asc" }],
        limit: 1,
        offset: 2,
      },
    ],
    [
      "tab, newline and U+3000 separate tokens outside literals",
      'title\t=\n"a"\u3000and\r\namount > 1',
      { where: { kind: "and", items: [{ field: "title" }, { field: "amount", op: ">" }] } },
    ],
    [
      "and binds tighter than or",
      'a = "1" or b = "2" and c = "3"',
      {
        where: {
          kind: "or",
          items: [{ field: "a" }, { kind: "and", items: [{ field: "b" }, { field: "c" }] }],
        },
      },
    ],
    [
      "parentheses override precedence",
      '(a = "1" or b = "2") and c = "3"',
      { where: { kind: "and", items: [{ kind: "or" }, { field: "c" }] } },
    ],
    [
      "nested and inside parentheses is flattened into the top-level conjunction",
      '(a = "1" and b = "2") and $id > 5',
      { where: { kind: "and", items: [{ field: "a" }, { field: "b" }, { field: "$id" }] } },
    ],
    [
      "operators need no surrounding spaces",
      "amount>=1 and amount!=2",
      { where: { kind: "and", items: [{ op: ">=" }, { op: "!=" }] } },
    ],
    [
      "bare numbers are accepted as values",
      "amount in (1, -2.5)",
      {
        where: {
          kind: "in",
          values: [
            { kind: "number", text: "1" },
            { kind: "number", text: "-2.5" },
          ],
        },
      },
    ],
    [
      "functions: upper-cased name, raw arguments",
      "day = from_today(-3, days)",
      {
        where: {
          value: {
            kind: "function",
            name: "FROM_TODAY",
            args: [
              { kind: "word", text: "-3" },
              { kind: "word", text: "days" },
            ],
          },
        },
      },
    ],
    [
      "order by without direction is desc (community report)",
      "order by amount",
      { orderBy: [{ field: "amount", direction: "desc" }] },
    ],
    ["a field may be named like a clause keyword", 'limit = "1"', { where: { field: "limit" } }],
  ])("%s", (_name, query, expected) => {
    expect(parseQuery(query)).toMatchObject(expected);
  });
});

describe("string literals", () => {
  const records = [
    rec(1, { title: 'say "hi"' }),
    rec(2, { title: "back\\slash" }),
    rec(3, { title: "tab\there" }),
    rec(4, { title: "two\nlines" }),
    rec(5, { title: "全角　スペース" }),
  ];
  test.each([
    ['escape \\" is a double quote', 'title = "say \\"hi\\""', [1]],
    ["escape \\\\ is a backslash", 'title = "back\\\\slash"', [2]],
    ["escape \\t is a tab", 'title = "tab\\there"', [3]],
    ["escape \\n is a line feed", 'title = "two\\nlines"', [4]],
    ["U+3000 inside a literal is kept", 'title = "全角　スペース"', [5]],
  ])("%s", (_name, query, expected) => {
    expect(hits(query, records)).toEqual(expected);
  });
});

describe("syntax errors are CB_VA01 on errors.query", () => {
  test.each([
    ["raw tab inside a literal", 'title = "a\tb"'],
    ["raw line feed inside a literal", 'title = "a\nb"'],
    ["raw carriage return inside a literal", 'title = "a\rb"'],
    ["unknown escape", 'title = "a\\xb"'],
    ["unterminated literal", 'title = "abc'],
    ["single quotes are not literals", "title = 'a'"],
    ["lone !", 'title ! "a"'],
    ["missing value", "title ="],
    ["missing operator", 'title "a"'],
    ["empty in list", "title in ()"],
    ["in without parentheses", 'title in "a"'],
    ["unclosed in list", 'title in ("a", "b"'],
    ["is null is not kintone", "memo is null"],
    ["not without in/like", 'title not = "a"'],
    ["dangling and", 'title = "a" and'],
    ["unbalanced parenthesis", '(title = "a"'],
    ["two conditions without a connective", 'title = "a" title = "b"'],
    ["limit before order by", "limit 10 order by $id asc"],
    ["offset before limit", "offset 5 limit 10"],
    ["order without by", "order $id asc"],
    ["order by without a field", "order by"],
    ["order by with a trailing comma", "order by $id asc,"],
    ["negative limit", "limit -1"],
    ["fractional limit", "limit 1.5"],
    ["negative offset", "offset -3"],
    ["quoted limit", 'limit "10"'],
    ["unknown function", "day = YESTERYEAR()"],
    ["function argument list not closed", "day = THIS_MONTH(1"],
    ["trailing garbage", "$id > 1 )"],
  ])("%s", (_name, query) => {
    const e = thrown(() => compileQuery(query, ctx()));
    expect(e.code).toBe("CB_VA01");
    expect(e.status).toBe(400);
    expect(e.messages).toEqual({ ja: "入力内容が正しくありません。", en: "Missing or invalid input." });
    expect(e.errors).toEqual({
      query: { messages: [{ ja: "クエリ記法が間違っています。", en: "The query is invalid." }] },
    });
  });

  test("backquotes do not quote identifiers: the field is not found", () => {
    expect(thrown(() => compileQuery('`title` = "a"', ctx())).code).toBe("GAIA_IQ11");
  });
});
