import { fieldMessages } from "../errors/catalogue.ts";
import type { AppState } from "../model/app.ts";
import { UNIQUE_CAPABLE } from "../model/form.ts";
import type { FieldProperty, FieldValue } from "../model/kintone-types.ts";
import type { ErrorCollector } from "./errors.ts";

/**
 * The checks kintone runs on the merged record (facts §6, measured): required on every write, so a field
 * made required later blocks any edit until filled; unique ignoring empty values and the record itself;
 * length checks skipping empty strings; CALC and RADIO_BUTTON ignore `required`.
 */
export function validateRecord(
  app: AppState,
  values: Record<string, FieldValue>,
  selfId: number | null,
  prefix: string,
  errors: ErrorCollector,
): void {
  for (const p of Object.values(app.live.properties)) {
    const value = values[p.code];
    checkField(p, value, `${prefix}.${p.code}`, errors);
    if (p.type === "SUBTABLE" && value?.type === "SUBTABLE") {
      value.value.forEach((row, r) => {
        for (const inner of Object.values(p.fields ?? {})) {
          checkField(
            inner,
            row.value[inner.code],
            `${prefix}.${p.code}.value[${r}].value.${inner.code}`,
            errors,
          );
        }
      });
    }
    if (p.unique && UNIQUE_CAPABLE.has(p.type) && typeof value?.value === "string" && value.value !== "") {
      // Earlier records of the same batch are already stored (and rolled back on failure), so the index sees them.
      const holder = app.records.findByIndex(p.code, value.value);
      if (holder !== undefined && holder !== selfId)
        errors.add(`${prefix}.${p.code}.value`, fieldMessages.unique);
    }
  }
}

function checkField(
  p: FieldProperty,
  value: FieldValue | undefined,
  key: string,
  errors: ErrorCollector,
): void {
  if (p.required && p.type !== "CALC" && p.type !== "RADIO_BUTTON" && isEmpty(value)) {
    errors.add(requiredKey(p, key), fieldMessages.required);
    return;
  }
  const v = value?.value;
  if (typeof v !== "string" || v === "") return;
  if (p.type === "SINGLE_LINE_TEXT" || p.type === "LINK" || p.type === "MULTI_LINE_TEXT") {
    const length = [...v].length;
    if (p.maxLength && length > Number(p.maxLength))
      errors.add(`${key}.value`, fieldMessages.tooLong(Number(p.maxLength)));
    if (p.minLength && length < Number(p.minLength))
      errors.add(`${key}.value`, fieldMessages.tooShort(Number(p.minLength)));
  }
  if (p.type === "NUMBER") {
    if (p.maxValue && Number(v) > Number(p.maxValue))
      errors.add(`${key}.value`, fieldMessages.tooLarge(p.maxValue));
    if (p.minValue && Number(v) < Number(p.minValue))
      errors.add(`${key}.value`, fieldMessages.tooSmall(p.minValue));
  }
}

/** kintone's key for "Required." depends on the value's shape (facts §6). */
function requiredKey(p: FieldProperty, key: string): string {
  switch (p.type) {
    case "CHECK_BOX":
    case "MULTI_SELECT":
    case "FILE":
      return `${key}.values`;
    case "USER_SELECT":
    case "ORGANIZATION_SELECT":
    case "GROUP_SELECT":
      return `${key}.values.value`;
    default:
      return `${key}.value`;
  }
}

/** Whitespace-only text counts as empty, as in kintone's `is empty` (facts §3). */
export function isEmpty(value: FieldValue | undefined): boolean {
  if (!value) return true;
  const v = value.value;
  if (v === null) return true;
  if (typeof v === "string") return v.trim() === "";
  if (Array.isArray(v)) return v.length === 0;
  return false;
}
