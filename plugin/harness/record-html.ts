import { escapeHtml } from "./html.ts";
import { timeHtml } from "./local-time.ts";

/** What the harness reads of kintone's form and records (GET app/form/fields.json, layout.json, record.json). */
export interface FieldProperty {
  type: string;
  code: string;
  label?: string;
  protocol?: string;
}
export type Properties = Record<string, FieldProperty>;
export interface KintoneField {
  type: string;
  value: unknown;
}
export type KintoneRecord = Record<string, KintoneField>;
export interface LayoutField {
  type: string;
  code?: string;
  label?: string;
  size?: { width?: string };
}
export type LayoutItem =
  | { type: "ROW"; fields: LayoutField[] }
  | { type: "SUBTABLE"; code: string; fields: LayoutField[] }
  | { type: "GROUP"; code: string; layout: Array<{ type: "ROW"; fields: LayoutField[] }> };

const INSTANTS = new Set(["DATETIME", "CREATED_TIME", "UPDATED_TIME"]);
const ENTITIES = new Set(["USER_SELECT", "ORGANIZATION_SELECT", "GROUP_SELECT", "STATUS_ASSIGNEE"]);
/** Not a place on the form: kintone shows these in the record's header, not among the fields. */
const NOT_ON_FORM = new Set(["CREATOR", "CREATED_TIME", "MODIFIER", "UPDATED_TIME", "STATUS", "CATEGORY"]);

const names = (value: unknown) =>
  Array.isArray(value)
    ? value.map((v) =>
        typeof v === "object" && v !== null ? String((v as { name?: unknown }).name ?? "") : "",
      )
    : [];

/**
 * A field's value as kintone's record view shows it: instants as <time> (shown in the user's time zone),
 * users by name, several choices joined, a web link clickable only when it is http(s). Text stays text
 * (multi-line keeps its line breaks; the page's CSS shows them).
 */
export function valueHtml(field: KintoneField | undefined, property?: FieldProperty): string {
  if (!field || field.value === null || field.value === undefined || field.value === "") return "";
  const { type, value } = field;
  if (INSTANTS.has(type) && typeof value === "string") return timeHtml(value);
  if (ENTITIES.has(type)) return escapeHtml(names(value).join(", "));
  if (type === "CREATOR" || type === "MODIFIER") return escapeHtml(names([value]).join(""));
  if (type === "FILE") return escapeHtml(names(value).join(", "));
  if (type === "SUBTABLE") return `（${Array.isArray(value) ? value.length : 0} 行）`;
  if (Array.isArray(value)) return escapeHtml(value.map(String).join(", "));
  const text = String(value);
  if (type === "LINK" && (property?.protocol ?? "WEB") === "WEB" && /^https?:\/\//i.test(text))
    return `<a href="${escapeHtml(text)}" target="_blank" rel="noopener noreferrer">${escapeHtml(text)}</a>`;
  return escapeHtml(text);
}

function fieldHtml(layoutField: LayoutField, record: KintoneRecord, properties: Properties): string {
  const width = Number(layoutField.size?.width) || 193;
  if (layoutField.type === "LABEL")
    return `<div class="k-label-item" style="--w: ${width}px">${escapeHtml(stripTags(layoutField.label ?? ""))}</div>`;
  if (layoutField.type === "SPACER") return `<div class="k-spacer" style="--w: ${width}px"></div>`;
  if (layoutField.type === "HR") return `<hr class="k-hr">`;
  const code = layoutField.code ?? "";
  const property = properties[code];
  if (!property || NOT_ON_FORM.has(property.type)) return "";
  return (
    `<div class="k-field k-field-${escapeHtml(property.type.toLowerCase())}" data-code="${escapeHtml(code)}" style="--w: ${width}px">` +
    `<div class="k-field-label">${escapeHtml(property.label ?? code)}</div>` +
    `<div class="k-field-value">${valueHtml(record[code], property)}</div></div>`
  );
}

const stripTags = (html: string) => html.replace(/<[^>]*>/g, "");

/** The record's fields laid out as its form is (rows of label/value blocks), as kintone's record view. */
export function recordFieldsHtml(
  record: KintoneRecord,
  properties: Properties,
  layout: LayoutItem[],
): string {
  const row = (fields: LayoutField[]) =>
    `<div class="k-row">${fields.map((f) => fieldHtml(f, record, properties)).join("")}</div>`;
  const items = layout.map((item) => {
    if (item.type === "ROW") return row(item.fields);
    if (item.type === "GROUP")
      return `<section class="k-group"><div class="k-group-label">${escapeHtml(properties[item.code]?.label ?? item.code)}</div>${item.layout.map((r) => row(r.fields)).join("")}</section>`;
    return subtableHtml(item, record, properties);
  });
  return `<div class="record-fields">${items.join("")}</div>`;
}

function subtableHtml(
  item: { code: string; fields: LayoutField[] },
  record: KintoneRecord,
  properties: Properties,
) {
  const rows = (record[item.code]?.value ?? []) as Array<{ value: KintoneRecord }>;
  const head = item.fields.map((f) => `<th>${escapeHtml(f.label ?? f.code ?? "")}</th>`).join("");
  const body = rows
    .map(
      (r) =>
        `<tr>${item.fields.map((f) => `<td>${valueHtml(r.value[f.code ?? ""], properties[f.code ?? ""])}</td>`).join("")}</tr>`,
    )
    .join("");
  return `<div class="k-row"><div class="k-field k-subtable" data-code="${escapeHtml(item.code)}"><div class="k-field-label">${escapeHtml(properties[item.code]?.label ?? item.code)}</div><table class="k-list"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div></div>`;
}

/** The list view's columns: the form's fields in form order (system fields but the record number left out). */
export function listColumns(properties: Properties, layout: LayoutItem[]): FieldProperty[] {
  const codes = layout.flatMap((item) =>
    item.type === "ROW"
      ? item.fields.map((f) => f.code)
      : item.type === "GROUP"
        ? item.layout.flatMap((r) => r.fields.map((f) => f.code))
        : [],
  );
  return codes
    .map((code) => (code ? properties[code] : undefined))
    .filter((p): p is FieldProperty => p !== undefined && !NOT_ON_FORM.has(p.type));
}

/**
 * kintone's record list: a detail icon per row leading to the record's page, then the columns. Long text
 * keeps its line breaks, clipped to a few lines as kintone's list does.
 */
export function listTableHtml(
  records: KintoneRecord[],
  columns: FieldProperty[],
  recordUrl: (id: string) => string,
  detailLabel: (id: string) => string,
): string {
  const head = columns.map((c) => `<th>${escapeHtml(c.label ?? c.code)}</th>`).join("");
  const rows = records
    .map((record) => {
      const id = String(record.$id?.value ?? "");
      const cells = columns
        .map(
          (c) =>
            `<td class="k-cell-${escapeHtml(c.type.toLowerCase())}"><div class="k-cell">${valueHtml(record[c.code], c)}</div></td>`,
        )
        .join("");
      return `<tr data-record-id="${escapeHtml(id)}"><td class="k-detail"><a href="${escapeHtml(recordUrl(id))}" aria-label="${escapeHtml(detailLabel(id))}" title="${escapeHtml(detailLabel(id))}">${DETAIL_ICON}</a></td>${cells}</tr>`;
    })
    .join("");
  return `<table class="k-list" id="record-list"><thead><tr><th class="k-detail"></th>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

/** A page with lines, as kintone's list shows before each record. */
const DETAIL_ICON =
  '<svg width="16" height="18" viewBox="0 0 16 18" aria-hidden="true"><path d="M1.5 1.5h9l4 4v11h-13z" fill="#fff" stroke="#3498db" stroke-width="1.5"/><path d="M4.5 8h7M4.5 11h7M4.5 14h5" stroke="#3498db" stroke-width="1.5"/></svg>';
