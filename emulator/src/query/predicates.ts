/**
 * Positive leaf predicates over one scope: a record, or one row of a table (same shape).
 * Negation (`!=`, `not in`, `not like`, `is not empty`) is applied by the caller, because inside a
 * table it means "no row matches" rather than "some row does not match".
 * Hot path: everything literal is prepared by the caller; these closures only read and compare.
 */
import type { FieldValue } from "../model/kintone-types.ts";
import { EMPTY, type Interval, type ScalarKind } from "./literals.ts";
import { dayOfValue, minuteOfValue, numberOf, recordNumberOf, textOf, timeOfValue } from "./values.ts";
import { normalizeForSearch } from "./word-search.ts";

export type Fields = Record<string, FieldValue>;
export type Pred = (fields: Fields) => boolean;
export type OrderedOp = "=" | "<" | "<=" | ">" | ">=";

const READERS: Record<ScalarKind, (fv: FieldValue | undefined) => number> = {
  number: (fv) => numberOf(textOf(fv)),
  recordNumber: (fv) => recordNumberOf(textOf(fv)),
  date: (fv) => dayOfValue(textOf(fv)),
  datetime: (fv) => minuteOfValue(textOf(fv)),
  time: (fv) => timeOfValue(textOf(fv)),
};

export function readScalar(kind: ScalarKind): (fv: FieldValue | undefined) => number {
  return READERS[kind];
}

/** A test on a scalar field's decoded value (NaN = unset); the reader may take the value from a column. */
export type NumberTest = (x: number) => boolean;

/** The record predicate of a number test: decode the field, test it. */
export function scalarPred(code: string, kind: ScalarKind, test: NumberTest): Pred {
  const read = READERS[kind];
  return (f) => test(read(f[code]));
}

/** Unset values (NaN) are never inside an interval, so they fail every ordered comparison. */
export function compareTest(op: OrderedOp, iv: Interval | typeof EMPTY): NumberTest {
  if (iv === EMPTY) return op === "=" ? (x) => Number.isNaN(x) : () => false;
  const { lo, hi } = iv;
  switch (op) {
    case "=":
      return (x) => x >= lo && x <= hi;
    case "<":
      return (x) => x < lo;
    case "<=":
      return (x) => x <= hi;
    case ">":
      return (x) => x > hi;
    case ">=":
      return (x) => x >= lo;
  }
}

/** `in` on numbers compares numerically ("1.0" is "1"); `""` in the list selects unset values. */
export function inNumbersTest(numbers: ReadonlySet<number>, matchEmpty: boolean): NumberTest {
  return (x) => (Number.isNaN(x) ? matchEmpty : numbers.has(x));
}

/** Text `=` is exact and case-sensitive. */
export function textEquals(code: string, literal: string): Pred {
  return (f) => textOf(f[code]) === literal;
}

/** Single-valued text and choices; an unset value reads as "" so `in ("")` finds it. */
export function inTexts(code: string, texts: ReadonlySet<string>): Pred {
  return (f) => texts.has(textOf(f[code]));
}

/** CHECK_BOX/MULTI_SELECT/CATEGORY: any selected option in the list; no selection matches `""`. */
export function inOptionLists(code: string, texts: ReadonlySet<string>): Pred {
  const matchEmpty = texts.has("");
  return (f) => {
    const v = f[code]?.value;
    if (!Array.isArray(v)) return texts.has(typeof v === "string" ? v : "");
    if (v.length === 0) return matchEmpty;
    for (let i = 0; i < v.length; i++) {
      const item = v[i];
      if (typeof item === "string" && texts.has(item)) return true;
    }
    return false;
  };
}

/** User/organization/group fields compare on `code`; CREATOR/MODIFIER hold one entity, the others a list. */
export function inEntities(code: string, codes: ReadonlySet<string>, matchEmpty: boolean): Pred {
  return (f) => {
    const v = f[code]?.value;
    if (!Array.isArray(v)) return v ? codes.has(codeOf(v)) : matchEmpty;
    if (v.length === 0) return matchEmpty;
    for (let i = 0; i < v.length; i++) {
      if (codes.has(codeOf(v[i]))) return true;
    }
    return false;
  };
}

function codeOf(entity: unknown): string {
  if (typeof entity !== "object" || entity === null) return "";
  const code = (entity as { code?: unknown }).code;
  return typeof code === "string" ? code : "";
}

export type LikeSource = "text" | "html" | "files";

const TAG = /<[^>]*>/g;
const ENTITY = /&(amp|lt|gt|quot|#39|nbsp);/g;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", nbsp: " " };

/** RICH_TEXT holds HTML; the index holds its text, so tags must not be found as words. */
function htmlToText(html: string): string {
  return html.replace(TAG, " ").replace(ENTITY, (_, name: string) => ENTITIES[name] ?? " ");
}

/** FILE: kintone also searches file contents; the emulator only has the file names. */
function fileNames(fv: FieldValue | undefined): string {
  const v = fv?.value;
  if (!Array.isArray(v)) return "";
  let names = "";
  for (let i = 0; i < v.length; i++) {
    const item = v[i];
    if (typeof item === "object" && item !== null && "name" in item && typeof item.name === "string") {
      names += ` ${item.name}`;
    }
  }
  return names;
}

export function like(code: string, source: LikeSource, search: (normalized: string) => boolean): Pred {
  switch (source) {
    case "text":
      return (f) => search(normalizeForSearch(textOf(f[code])));
    case "html":
      return (f) => search(normalizeForSearch(htmlToText(textOf(f[code]))));
    case "files":
      return (f) => search(normalizeForSearch(fileNames(f[code])));
  }
}

const NON_BLANK = /\S/;

/** `is empty` counts whitespace-only text as empty (measured); a FILE is empty with no file. */
export function isEmpty(code: string, source: "text" | "files"): Pred {
  if (source === "files") {
    return (f) => {
      const v = f[code]?.value;
      return !Array.isArray(v) || v.length === 0;
    };
  }
  return (f) => !NON_BLANK.test(textOf(f[code]));
}
