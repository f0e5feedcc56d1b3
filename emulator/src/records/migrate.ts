import { emptyFieldValue, VALUELESS_TYPES } from "../model/form.ts";
import type { FieldProperties, KintoneRecord } from "../model/kintone-types.ts";

/**
 * Brings a stored record in line with a new form: new fields start empty, removed fields disappear,
 * a field whose type changed starts empty in its new type. kintone does this when an app is updated.
 */
export function migrateRecord(record: KintoneRecord, properties: FieldProperties): KintoneRecord {
  const out: KintoneRecord = {};
  for (const p of Object.values(properties)) {
    if (VALUELESS_TYPES.has(p.type)) continue;
    const value = record[p.code];
    if (value && value.type === p.type) out[p.code] = value;
    else if (p.type === "RECORD_NUMBER")
      out[p.code] = { type: "RECORD_NUMBER", value: String(record.$id?.value ?? "") };
    else out[p.code] = emptyFieldValue(p.type);
  }
  if (record.$revision) out.$revision = record.$revision;
  if (record.$id) out.$id = record.$id;
  return out;
}
