import { fieldMessages, kintoneErrors } from "../errors/catalogue.ts";
import { toMinuteIso } from "../model/clock.ts";
import type { Domain } from "../model/domain.ts";
import { emptyFieldValue } from "../model/form.ts";
import type { FieldProperty, FieldValue, SubtableRow, UserEntity } from "../model/kintone-types.ts";
import type { ErrorCollector } from "./errors.ts";

export interface ConvertContext {
  domain: Domain;
  errors: ErrorCollector;
  /** Rows of the table as stored before this write (PUT), for kintone's row-id merge. */
  previousRows?: SubtableRow[];
  /** Inside a SUBTABLE kintone silently empties a non-numeric NUMBER instead of refusing it (facts §2). */
  inSubtable?: boolean;
}

const NUMERIC = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Turns a value as a client sends it (`record[code].value`) into the value kintone stores and returns,
 * or records an error under `key` (`record.<code>` without the trailing `.value`).
 * Returns undefined when the value was refused.
 */
export function convertValue(
  prop: FieldProperty,
  raw: unknown,
  key: string,
  ctx: ConvertContext,
): FieldValue | undefined {
  const { errors } = ctx;
  switch (prop.type) {
    case "SINGLE_LINE_TEXT":
    case "MULTI_LINE_TEXT":
    case "RICH_TEXT":
    case "LINK": {
      const text = asText(raw);
      if (text === undefined) return bad(errors, `${key}.value`);
      return { type: prop.type, value: text };
    }
    case "NUMBER": {
      const text = asText(raw)?.trim();
      if (text === undefined) return bad(errors, `${key}.value`);
      if (text === "") return { type: "NUMBER", value: "" };
      if (!NUMERIC.test(text)) {
        if (ctx.inSubtable) return { type: "NUMBER", value: "" };
        // Measured: kintone reports both keys for a non-numeric number (facts §6).
        errors.add(bracketKey(key), fieldMessages.notNumber);
        errors.add(`${key}.value`, fieldMessages.required);
        return undefined;
      }
      return { type: "NUMBER", value: normalizeNumber(text) };
    }
    case "DATE": {
      if (raw === null || raw === undefined || raw === "") return { type: "DATE", value: null };
      const date = typeof raw === "string" ? normalizeDate(raw) : null;
      if (date === null) return refuse(errors, `${key}.value`, fieldMessages.badDate);
      return { type: "DATE", value: date };
    }
    case "TIME": {
      if (raw === null || raw === undefined || raw === "") return { type: "TIME", value: null };
      const m = typeof raw === "string" ? /^(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(raw.trim()) : null;
      if (!m || Number(m[1]) > 23 || Number(m[2]) > 59)
        return refuse(errors, `${key}.value`, fieldMessages.badTime);
      return { type: "TIME", value: `${(m[1] ?? "").padStart(2, "0")}:${m[2]}` };
    }
    case "DATETIME":
    case "CREATED_TIME":
    case "UPDATED_TIME": {
      if ((raw === null || raw === undefined || raw === "") && prop.type === "DATETIME") {
        return { type: "DATETIME", value: null };
      }
      const ms = typeof raw === "string" ? parseDateTime(raw) : null;
      if (ms === null) return refuse(errors, `${key}.value`, fieldMessages.badDateTime);
      return { type: prop.type, value: toMinuteIso(ms) } as FieldValue;
    }
    case "RADIO_BUTTON":
    case "DROP_DOWN": {
      const text = asText(raw);
      if (text === undefined) return bad(errors, `${key}.value`);
      if (text === "")
        return prop.type === "DROP_DOWN"
          ? { type: "DROP_DOWN", value: null }
          : { type: "RADIO_BUTTON", value: "" };
      if (!(text in (prop.options ?? {})))
        return refuse(errors, `${key}.value`, fieldMessages.notInOptions(text));
      return { type: prop.type, value: text };
    }
    case "CHECK_BOX":
    case "MULTI_SELECT": {
      const list = raw === null || raw === undefined ? [] : raw;
      if (!Array.isArray(list)) return bad(errors, `${key}.value`);
      let ok = true;
      list.forEach((item, i) => {
        if (typeof item !== "string" || !(item in (prop.options ?? {}))) {
          errors.add(`${key}.values[${i}].value`, fieldMessages.notInOptions(String(item)));
          ok = false;
        }
      });
      return ok ? { type: prop.type, value: [...(list as string[])] } : undefined;
    }
    case "USER_SELECT":
    case "CREATOR":
    case "MODIFIER": {
      const many = prop.type === "USER_SELECT";
      const list = many ? (raw ?? []) : [raw];
      if (!Array.isArray(list) || list.some((e) => typeof e?.code !== "string"))
        return bad(errors, `${key}.value`);
      const users = (list as Array<{ code: string }>).map((e) => toUserEntity(ctx.domain, e.code));
      if (!many) return { type: prop.type as "CREATOR" | "MODIFIER", value: users[0] as UserEntity };
      return { type: "USER_SELECT", value: users };
    }
    case "ORGANIZATION_SELECT":
    case "GROUP_SELECT": {
      // The emulator keeps no organisations or groups: codes are stored as given, named after themselves.
      const list = raw ?? [];
      if (!Array.isArray(list) || list.some((e) => typeof e?.code !== "string"))
        return bad(errors, `${key}.value`);
      return {
        type: prop.type,
        value: (list as Array<{ code: string }>).map((e) => ({ code: e.code, name: e.code })),
      };
    }
    case "FILE": {
      // No file upload API here: a fileKey is kept as given so a record can still carry an attachment.
      const list = raw ?? [];
      if (!Array.isArray(list) || list.some((e) => typeof e?.fileKey !== "string"))
        return bad(errors, `${key}.value`);
      return {
        type: "FILE",
        value: (list as Array<{ fileKey: string; name?: string; contentType?: string }>).map((e) => ({
          contentType: e.contentType ?? "application/octet-stream",
          fileKey: e.fileKey,
          name: e.name ?? e.fileKey,
          size: "0",
        })),
      };
    }
    case "SUBTABLE":
      return convertSubtable(prop, raw, key, ctx);
    default:
      return undefined;
  }
}

/**
 * kintone's table write rules (facts §2, measured): the rows sent replace the table; a row with a known
 * id is merged (inner fields not sent are kept); a row without id, or with an unknown one, is new.
 */
function convertSubtable(
  prop: FieldProperty,
  raw: unknown,
  key: string,
  ctx: ConvertContext,
): FieldValue | undefined {
  const rows = raw ?? [];
  if (!Array.isArray(rows)) return bad(ctx.errors, `${key}.value`);
  const previous = new Map((ctx.previousRows ?? []).map((r) => [r.id, r]));
  const inner = prop.fields ?? {};
  const out: SubtableRow[] = [];
  rows.forEach((row: unknown, r) => {
    const rowInput = (row ?? {}) as { id?: unknown; value?: Record<string, { value?: unknown }> };
    const known =
      rowInput.id === undefined || rowInput.id === null ? undefined : previous.get(String(rowInput.id));
    const value: Record<string, FieldValue> = {};
    for (const [code, p] of Object.entries(inner)) {
      const sent = rowInput.value?.[code];
      if (sent !== undefined) {
        const converted = convertValue(p, sent?.value, `${key}.value[${r}].value.${code}`, {
          ...ctx,
          inSubtable: true,
        });
        if (converted) value[code] = converted;
      } else {
        value[code] = known?.value[code] ?? emptyFieldValue(p.type);
      }
    }
    out.push({ id: known ? known.id : String(ctx.domain.takeRowId()), value });
  });
  return { type: "SUBTABLE", value: out };
}

function toUserEntity(domain: Domain, code: string): UserEntity {
  const user = domain.users.get(code);
  if (!user) throw kintoneErrors.userNotFound(code);
  return { code: user.code, name: user.name };
}

function asText(raw: unknown): string | undefined {
  if (raw === null || raw === undefined) return "";
  if (typeof raw === "string") return raw;
  if (typeof raw === "number" && Number.isFinite(raw)) return String(raw);
  return undefined;
}

/** `" 42 "` → `"42"`, `"1.5e1"` → `"15"`, `"+3"` → `"3"` (facts §2, measured). */
export function normalizeNumber(text: string): string {
  if (/e/i.test(text)) return String(Number(text));
  let t = text.replace(/^\+/, "");
  const negative = t.startsWith("-");
  if (negative) t = t.slice(1);
  if (t.startsWith(".")) t = `0${t}`;
  t = t.replace(/^0+(?=\d)/, "").replace(/\.$/, "");
  return negative && t !== "0" ? `-${t}` : t;
}

/** kintone pads partial dates: `2015-7` → `2015-07-01` (facts §2). */
export function normalizeDate(text: string): string | null {
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(text.trim());
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2] ?? 1);
  const d = Number(m[3] ?? 1);
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${m[1]}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/**
 * DATETIME input: `YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]`, or a date alone (UTC midnight). kintone documents
 * a zone as required; a value without one is read as UTC here rather than refused.
 */
export function parseDateTime(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(
    text.trim(),
  );
  if (!m) return null;
  const [, y, mo, d, h = "00", mi = "00", s = "00", zone = "Z"] = m;
  let offsetMin = 0;
  if (zone !== "Z") {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
    if (!z) return null;
    offsetMin = (z[1] === "-" ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3]));
  }
  const ms =
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - offsetMin * 60_000;
  return Number.isNaN(ms) ? null : ms;
}

/** `record.code` → `record[code]`: the key kintone uses for "Only numbers are allowed." */
function bracketKey(key: string): string {
  const dot = key.lastIndexOf(".");
  return `${key.slice(0, dot)}[${key.slice(dot + 1)}].value`;
}

function bad(errors: ErrorCollector, key: string): undefined {
  errors.add(key, fieldMessages.badValue);
  return undefined;
}

function refuse(errors: ErrorCollector, key: string, message: { ja: string; en: string }): undefined {
  errors.add(key, message);
  return undefined;
}
