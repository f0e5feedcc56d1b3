import { describe, expect, test } from "vitest";
import { parseJsonBody, parseRecordsAnswer } from "./records-json.ts";

const field = (type: string, value: unknown) => ({ type, value });
/** A template-like record whose texts hold what could mislead a cut: quotes, escapes, brackets, commas. */
function record(id: number, name: string) {
  return {
    $id: field("__ID__", String(id)),
    $revision: field("__REVISION__", "1"),
    顧客名: field("SINGLE_LINE_TEXT", name),
    会社名: field("SINGLE_LINE_TEXT", "株式会社サンプル"),
    住所: field("MULTI_LINE_TEXT", "〒100-0001\n東京都千代田区"),
    連絡先: field("SUBTABLE", [{ id: "1", value: { 電話: field("SINGLE_LINE_TEXT", "03-1234-5678") } }]),
  };
}
const tricky = [
  "佐藤 花子",
  'say "hi"',
  "back\\slash",
  "ends with backslash\\",
  '\\"',
  "],[{,}]",
  '"},{"',
  "emoji 🏢 and ｶﾅ",
  "\u0000\u001f\u2028",
];
/** What the cutting gives, null when it gives up (the answer is then parsed whole). */
function cut(body: Buffer): unknown {
  try {
    return parseRecordsAnswer(body);
  } catch {
    return null;
  }
}
const many = (n: number, name: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => record(i + 1, name(i)));

describe("parseJsonBody reads a records page as JSON.parse does", () => {
  test.each<[string, string]>([
    ["an empty page", JSON.stringify({ records: [], totalCount: null })],
    ["an empty page with spaces inside", '{"records":[ ],"totalCount":"0"}'],
    ["one record", JSON.stringify({ records: [record(1, "佐藤 花子")], totalCount: null })],
    ["texts that look like structure", JSON.stringify({ records: tricky.map((t, i) => record(i + 1, t)) })],
    [
      "500 records, cut into several groups",
      JSON.stringify({ records: many(500, (i) => tricky[i % tricky.length] ?? ""), totalCount: "500" }),
    ],
    [
      "a group boundary next to multi-byte text",
      JSON.stringify({ records: many(300, () => "漢字".repeat(40)) }),
    ],
    [
      "texts holding what a record boundary looks like",
      JSON.stringify({ records: many(500, (i) => (i % 2 ? '},{"$id":{"type":"__ID__"' : "},{$id:")) }),
    ],
    ["records that are not objects", '{"records":[1,"two",[3],null,{"a":[{}]}],"totalCount":null}'],
    ["no key after the records", JSON.stringify({ records: [record(1, "a")] })],
  ])("%s", (_name, text) => {
    const body = Buffer.from(text);
    expect(cut(body)).not.toBeNull();
    expect(parseJsonBody(body)).toEqual(JSON.parse(text));
  });

  test.each<[string, string]>([
    ["another answer", '{"app":{"appId":"1"}}'],
    ["records not first", '{"totalCount":null,"records":[]}'],
    ["white space before the records", '{ "records": [] }'],
    ["a second records key", '{"records":[1],"records":[2]}'],
    ["a bracket after the records", JSON.stringify({ records: many(200, () => "a"), apps: [1] })],
    [
      "records whose first field code is a subtable row's (a cut between rows)",
      JSON.stringify({
        records: Array.from({ length: 400 }, (_, i) => ({
          id: field("SINGLE_LINE_TEXT", String(i)),
          表: field("SUBTABLE", [
            { id: "1", value: { a: field("SINGLE_LINE_TEXT", "x".repeat(100)) } },
            { id: "2", value: { a: field("SINGLE_LINE_TEXT", "y".repeat(100)) } },
          ]),
        })),
      }),
    ],
  ])("%s: parsed whole", (_name, text) => {
    const body = Buffer.from(text);
    expect(cut(body)).toBeNull();
    expect(parseJsonBody(body)).toEqual(JSON.parse(text));
  });

  test.each([
    '{"records":[1,]}',
    '{"records":[,1]}',
    '{"records":[{"a":1}}',
    '{"records":[1]}x',
    '{"records":[1] "totalCount":1}',
    '{"records":[1],}',
    '{"records":["abc',
    '{"records":["abc\\"]}',
  ])("invalid JSON %s throws JSON.parse's SyntaxError", (text) => {
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(() => parseJsonBody(Buffer.from(text))).toThrow(SyntaxError);
  });
});
