// @vitest-environment node
import { describe, expect, test } from "vitest";
import {
  type KintoneRecord,
  type LayoutItem,
  listColumns,
  listTableHtml,
  type Properties,
  recordFieldsHtml,
  valueHtml,
} from "./record-html.ts";

describe("valueHtml", () => {
  test.each([
    ["text, escaped", { type: "SINGLE_LINE_TEXT", value: "<b>A&B</b>" }, "&#60;b&#62;A&#38;B&#60;/b&#62;"],
    ["multi-line text keeps its line breaks", { type: "MULTI_LINE_TEXT", value: "一\n二" }, "一\n二"],
    [
      "a date-time, for the browser to show in the user's time zone",
      { type: "DATETIME", value: "2025-04-01T01:30:00Z" },
      '<time datetime="2025-04-01T01:30:00Z">2025-04-01T01:30:00Z</time>',
    ],
    [
      "the update time too",
      { type: "UPDATED_TIME", value: "2025-04-01T01:30:00Z" },
      '<time datetime="2025-04-01T01:30:00Z">2025-04-01T01:30:00Z</time>',
    ],
    ["a date stays a date", { type: "DATE", value: "2025-04-01" }, "2025-04-01"],
    [
      "users by name",
      {
        type: "USER_SELECT",
        value: [
          { code: "yamada", name: "山田 太郎" },
          { code: "sato", name: "佐藤" },
        ],
      },
      "山田 太郎, 佐藤",
    ],
    [
      "the creator by name",
      { type: "CREATOR", value: { code: "admin", name: "Administrator" } },
      "Administrator",
    ],
    ["several choices", { type: "CHECK_BOX", value: ["A", "B"] }, "A, B"],
    ["an empty value", { type: "SINGLE_LINE_TEXT", value: "" }, ""],
    ["no value", { type: "DROP_DOWN", value: null }, ""],
    [
      "an http(s) link, opened apart",
      { type: "LINK", value: "https://fa.example/m/1" },
      '<a href="https://fa.example/m/1" target="_blank" rel="noopener noreferrer">https://fa.example/m/1</a>',
    ],
    ["a javascript: link is text", { type: "LINK", value: "javascript:alert(1)" }, "javascript:alert(1)"],
  ] as const)("%s", (_case, field, html) => {
    expect(valueHtml(field)).toBe(html);
  });

  test("a link field of another protocol (mail, phone) is text", () => {
    expect(
      valueHtml({ type: "LINK", value: "https://x.example" }, { type: "LINK", code: "m", protocol: "MAIL" }),
    ).toBe("https://x.example");
  });
});

const properties: Properties = {
  レコード番号: { type: "RECORD_NUMBER", code: "レコード番号", label: "レコード番号" },
  作成者: { type: "CREATOR", code: "作成者", label: "作成者" },
  件名: { type: "SINGLE_LINE_TEXT", code: "件名", label: "件名" },
  議事録: { type: "MULTI_LINE_TEXT", code: "議事録", label: "議事録" },
};
const layout: LayoutItem[] = [
  { type: "ROW", fields: [{ type: "RECORD_NUMBER", code: "レコード番号", size: { width: "120" } }] },
  {
    type: "ROW",
    fields: [
      { type: "SINGLE_LINE_TEXT", code: "件名", size: { width: "300" } },
      { type: "LABEL", label: "<b>メモ</b>", size: { width: "100" } },
    ],
  },
  { type: "ROW", fields: [{ type: "MULTI_LINE_TEXT", code: "議事録", size: { width: "400" } }] },
];
const record: KintoneRecord = {
  $id: { type: "__ID__", value: "5" },
  レコード番号: { type: "RECORD_NUMBER", value: "5" },
  作成者: { type: "CREATOR", value: { code: "admin", name: "Administrator" } },
  件名: { type: "SINGLE_LINE_TEXT", value: "定例" },
  議事録: { type: "MULTI_LINE_TEXT", value: "一\n二" },
};

describe("recordFieldsHtml", () => {
  test("lays the fields out in the form's rows as label/value blocks, each at its form width", () => {
    const html = recordFieldsHtml(record, properties, layout);
    expect(html.match(/<div class="k-row">/g)).toHaveLength(3);
    expect(html).toContain(
      '<div class="k-field k-field-single_line_text" data-code="件名" style="--w: 300px"><div class="k-field-label">件名</div><div class="k-field-value">定例</div></div>',
    );
    expect(html).toContain('<div class="k-field-value">一\n二</div>');
    expect(html).toContain('<div class="k-label-item" style="--w: 100px">メモ</div>');
  });
});

describe("the list", () => {
  test("columns follow the form, leaving out what kintone shows in the record's header", () => {
    expect(listColumns(properties, layout).map((c) => c.code)).toEqual(["レコード番号", "件名", "議事録"]);
  });

  test("each row's detail icon leads to the record's page", () => {
    const html = listTableHtml(
      [record],
      listColumns(properties, layout),
      (id) => `/k/3/show?record=${id}`,
      (id) => `レコード ${id} の詳細`,
    );
    expect(html).toContain('<a href="/k/3/show?record=5" aria-label="レコード 5 の詳細"');
    expect(html).toContain('<td class="k-cell-multi_line_text"><div class="k-cell">一\n二</div></td>');
    expect(html.match(/<th[ >]/g)).toHaveLength(4);
  });
});
