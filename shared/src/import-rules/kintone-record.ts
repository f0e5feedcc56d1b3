/**
 * kintone's record JSON as read (kintone-facts §2): every value a string, an array (CHECK_BOX options,
 * USER_SELECT entities, SUBTABLE rows) or null. Structural, so shared depends on neither the SDK nor the
 * emulator; `type` is optional because a few producers (fixtures, webhooks of old) leave it out.
 */
export interface KintoneField {
  type?: string;
  value: unknown;
}

export type KintoneRecord = Record<string, KintoneField | undefined>;

interface SubtableRow {
  id?: string;
  value: KintoneRecord;
}

/** Types whose value is the text a person typed: the "text-like" inner fields of a subtable row (I5). */
const TEXT_LIKE = new Set(["SINGLE_LINE_TEXT", "MULTI_LINE_TEXT", "LINK"]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isSubtableRow(value: unknown): value is SubtableRow {
  return isObject(value) && isObject(value.value);
}

/** A line break of any convention: a value without one is one line, read without splitting (issue 16). */
const LINE_BREAK = /[\r\n]/;

function lines(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

/** A field's own (own-property) entry: a field code such as "constructor" must not reach Object.prototype. */
function own(record: KintoneRecord, code: string): KintoneField | undefined {
  return Object.hasOwn(record, code) ? record[code] : undefined;
}

/**
 * The fields a code names: the top-level field, or, for a code inside a SUBTABLE (kintone codes are unique
 * app-wide, tables included), that column in every row, in row order.
 */
export function fieldsByCode(record: KintoneRecord, code: string | null): KintoneField[] {
  if (code === null) return [];
  const top = own(record, code);
  if (top !== undefined) return [top];
  const column: KintoneField[] = [];
  for (const field of Object.values(record)) {
    if (!Array.isArray(field?.value)) continue;
    for (const row of field.value) {
      const inner = isSubtableRow(row) ? own(row.value, code) : undefined;
      if (inner !== undefined) column.push(inner);
    }
  }
  return column;
}

/** One line of text for a one-line FA field (name, company, department): line breaks become spaces. */
export function singleText(field: KintoneField): string {
  const { value } = field;
  if (typeof value === "string") return LINE_BREAK.test(value) ? lines(value).join(" ") : value.trim();
  if (typeof value === "number") return String(value);
  return firstValue(field);
}

/**
 * A text written over several lines as one value: line breaks become spaces and runs of white space one
 * space. A lone space, a full-width one included, is kept as typed: it is the customer's spelling.
 */
function wholeText(text: string): string {
  const trimmed = text.trim();
  // Most values hold no line break and no run of two spaces: there is nothing to replace.
  if (!SPACE_RUN_OR_BREAK.test(trimmed)) return trimmed;
  return trimmed.replace(/\s+/g, (run) => (run.length === 1 && !LINE_BREAK.test(run) ? run : " "));
}

const SPACE_RUN_OR_BREAK = /\s\s|[\r\n]/;

function firstLine(text: string): string {
  return LINE_BREAK.test(text) ? (lines(text)[0] ?? "") : text.trim();
}

/**
 * SPEC I5 for e-mail and phone: exactly one value, the first non-empty one (first line, first element,
 * first row). A line is a whole value here: a multi-line field holding two addresses or numbers must
 * still give one address or number, not both run together.
 */
export function firstValue(field: KintoneField): string {
  return firstOf(field, firstLine);
}

/**
 * SPEC I5 for the address: exactly one value, the first non-empty element or row, and its text whole.
 * 「1件のみ」 means one of several values (fields, table rows), not the first line of one: a multi-line
 * 住所 is one address over several lines (〒, street, building), and its first line alone is a postcode.
 */
export function wholeValue(field: KintoneField): string {
  return firstOf(field, wholeText);
}

function firstOf(field: KintoneField, text: (value: string) => string): string {
  const { value } = field;
  if (typeof value === "string") return text(value);
  if (typeof value === "number") return String(value);
  if (!Array.isArray(value)) return "";
  for (const element of value) {
    const found = elementText(element, text);
    if (found !== "") return found;
  }
  return "";
}

function elementText(element: unknown, text: (value: string) => string): string {
  if (typeof element === "string") return text(element);
  if (isSubtableRow(element)) {
    // A row counts by its first text-like cell only: a leading drop-down such as 種別 is not the value.
    const cell = Object.values(element.value).find(
      (inner) =>
        inner !== undefined &&
        (inner.type === undefined ? typeof inner.value === "string" : TEXT_LIKE.has(inner.type)),
    );
    return cell === undefined ? "" : firstOf(cell, text);
  }
  // USER_SELECT and the like: the display name is what a person would copy.
  if (isObject(element) && typeof element.name === "string") return element.name.trim();
  return "";
}

/** The first non-empty result of `read` over the fields a code names; "" when none (SPEC I6). */
export function readCode(
  record: KintoneRecord,
  code: string | null,
  read: (field: KintoneField) => string,
): string {
  if (code === null) return "";
  // The usual case, a top-level field, without the list fieldsByCode makes.
  const top = own(record, code);
  if (top !== undefined) return read(top);
  for (const field of fieldsByCode(record, code)) {
    const text = read(field);
    if (text !== "") return text;
  }
  return "";
}
