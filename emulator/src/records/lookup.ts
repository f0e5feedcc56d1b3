import { type Principal, permissionFailure } from "../auth/principal.ts";
import { kintoneErrors } from "../errors/catalogue.ts";
import type { AppState } from "../model/app.ts";
import type { Domain } from "../model/domain.ts";
import { emptyFieldValue } from "../model/form.ts";
import type { FieldProperty, FieldValue, KintoneRecord } from "../model/kintone-types.ts";

/**
 * kintone's lookup copy on write (facts §7): the key is searched in the source app's key field and the
 * mapped fields are copied; an empty key clears them; no match is 400 GAIA_LO04 without `errors`.
 * With API tokens the request must also carry a token of the source app that may view it. Which error a
 * missing source token gives is not documented (facts open question 4): GAIA_LO04, whose message covers
 * "no permission to view", is the likely one and is what the emulator answers; GAIA_NO01 is the alternative.
 */
export function applyLookup(
  domain: Domain,
  principal: Principal,
  lookupField: FieldProperty,
  key: string,
  target: Record<string, FieldValue>,
  properties: Record<string, FieldProperty>,
): void {
  const setting = lookupField.lookup;
  if (!setting) return;
  if (key === "") {
    for (const m of setting.fieldMappings) {
      const p = properties[m.field];
      if (p) target[m.field] = emptyFieldValue(p.type);
    }
    return;
  }
  const source = domain.apps.get(Number(setting.relatedApp.app));
  if (!source || permissionFailure(principal, source, { all: ["view"] })) {
    throw kintoneErrors.lookupNoMatch(key, lookupField.code);
  }
  const found = findSource(source, setting.relatedKeyField, key);
  if (!found) throw kintoneErrors.lookupNoMatch(key, lookupField.code);
  for (const m of setting.fieldMappings) {
    const p = properties[m.field];
    const value = found[m.relatedField];
    if (p) target[m.field] = copyAs(p, value);
  }
}

function findSource(source: AppState, keyField: string, key: string): KintoneRecord | undefined {
  if (keyField === source.recordNumberCode) return source.findByRecordNumber(key);
  const id = source.records.findByIndex(keyField, key);
  if (id !== undefined) return source.records.get(id);
  // kintone only allows unique key fields (GAIA_LO03 at definition); a scan covers seeds that skip that.
  for (const rid of source.records.ascending()) {
    const record = source.records.get(rid);
    if (record?.[keyField]?.value === key) return record;
  }
  return undefined;
}

/**
 * Copies a source value into the mapped target. kintone only allows mappings between compatible types;
 * the one mix our templates use is a record number or number copied into text, which copies its text.
 */
function copyAs(target: FieldProperty, value: FieldValue | undefined): FieldValue {
  if (!value) return emptyFieldValue(target.type);
  if (value.type === target.type) return { ...value } as FieldValue;
  return { type: target.type, value: typeof value.value === "string" ? value.value : "" } as FieldValue;
}
