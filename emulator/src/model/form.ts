import type {
  FieldProperties,
  FieldProperty,
  FieldType,
  FieldValue,
  LookupSetting,
} from "./kintone-types.ts";

/** A row of GET /k/v1/app/form/layout.json. */
export type LayoutItem =
  | { type: "ROW"; fields: LayoutField[] }
  | { type: "SUBTABLE"; code: string; fields: LayoutField[] }
  | { type: "GROUP"; code: string; layout: Array<{ type: "ROW"; fields: LayoutField[] }> };

export interface LayoutField {
  type: string;
  code?: string;
  label?: string;
  elementId?: string;
  size: { width?: string; height?: string; innerHeight?: string };
}

/** The codes kintone gives system fields in a Japanese app (facts §3 "Field-code naming"). */
export const DEFAULT_SYSTEM_CODES = {
  RECORD_NUMBER: "レコード番号",
  CREATOR: "作成者",
  CREATED_TIME: "作成日時",
  MODIFIER: "更新者",
  UPDATED_TIME: "更新日時",
} as const;

export type SystemFieldType = keyof typeof DEFAULT_SYSTEM_CODES;

/** Types that can hold "prohibit duplicate values" (facts §1.5: kintone drops `unique` on others). */
export const UNIQUE_CAPABLE: ReadonlySet<FieldType> = new Set([
  "SINGLE_LINE_TEXT",
  "NUMBER",
  "LINK",
  "DATE",
  "DATETIME",
]);

/** Fills in the properties kintone always reports for a type, so fields.json looks like kintone's. */
export function completeProperty(input: FieldProperty): FieldProperty {
  const base = { noLabel: false, ...input };
  switch (input.type) {
    case "SINGLE_LINE_TEXT":
      if (input.lookup) {
        return { required: false, ...base, lookup: completeLookup(input.lookup) };
      }
      return {
        required: false,
        defaultValue: "",
        minLength: "",
        maxLength: "",
        expression: "",
        hideExpression: false,
        ...base,
        unique: input.unique === true,
      };
    case "NUMBER":
      if (input.lookup) {
        return { required: false, ...base, lookup: completeLookup(input.lookup) };
      }
      return {
        required: false,
        unique: false,
        defaultValue: "",
        minValue: "",
        maxValue: "",
        digit: false,
        displayScale: "",
        unit: "",
        unitPosition: "BEFORE",
        ...base,
      };
    case "LINK":
      return {
        required: false,
        unique: false,
        defaultValue: "",
        minLength: "",
        maxLength: "",
        protocol: "WEB",
        ...base,
      };
    case "MULTI_LINE_TEXT":
    case "RICH_TEXT":
      return { required: false, defaultValue: "", ...base };
    case "DATE":
    case "DATETIME":
      return { required: false, unique: false, defaultValue: "", defaultNowValue: false, ...base };
    case "TIME":
      return { required: false, defaultValue: "", defaultNowValue: false, ...base };
    case "RADIO_BUTTON":
      return { required: true, defaultValue: firstOption(input), options: {}, align: "HORIZONTAL", ...base };
    case "DROP_DOWN":
      return { required: false, defaultValue: "", options: {}, ...base };
    case "CHECK_BOX":
    case "MULTI_SELECT":
      return { required: false, defaultValue: [], options: {}, ...base };
    case "USER_SELECT":
    case "ORGANIZATION_SELECT":
    case "GROUP_SELECT":
      return { required: false, defaultValue: [], entities: [], ...base };
    case "FILE":
      return { required: false, ...base };
    case "SUBTABLE": {
      const fields: FieldProperties = {};
      for (const [code, inner] of Object.entries(input.fields ?? {}))
        fields[code] = completeProperty({ ...inner, code });
      return { ...base, fields };
    }
    default:
      return base;
  }
}

/** Seeds may leave out the picker-only parts of a lookup; kintone always reports them. */
function completeLookup(lookup: LookupSetting): LookupSetting {
  return {
    ...lookup,
    lookupPickerFields: lookup.lookupPickerFields ?? [],
    filterCond: lookup.filterCond ?? "",
    sort: lookup.sort ?? "",
  };
}

function firstOption(p: FieldProperty): string {
  const entries = Object.entries(p.options ?? {}).sort((a, b) => Number(a[1].index) - Number(b[1].index));
  return entries[0]?.[0] ?? "";
}

/** The five system fields every app has, under the given codes. */
export function systemProperties(codes: Partial<Record<SystemFieldType, string>> = {}): FieldProperties {
  const props: FieldProperties = {};
  const labels: Record<SystemFieldType, string> = {
    RECORD_NUMBER: "レコード番号",
    CREATOR: "作成者",
    CREATED_TIME: "作成日時",
    MODIFIER: "更新者",
    UPDATED_TIME: "更新日時",
  };
  for (const type of Object.keys(DEFAULT_SYSTEM_CODES) as SystemFieldType[]) {
    const code = codes[type] ?? DEFAULT_SYSTEM_CODES[type];
    props[code] = { type, code, label: labels[type], noLabel: false };
  }
  return props;
}

export function findCodeOfType(properties: FieldProperties, type: FieldType): string | undefined {
  for (const [code, p] of Object.entries(properties)) if (p.type === type) return code;
  return undefined;
}

/** Codes whose values are indexed: unique fields, plus every field a lookup elsewhere may key on. */
export function uniqueCodes(properties: FieldProperties): string[] {
  return Object.values(properties)
    .filter((p) => p.unique === true && UNIQUE_CAPABLE.has(p.type))
    .map((p) => p.code);
}

/** Fields filled by lookups: kintone ignores values sent for them (facts §7). */
export function lookupTargets(properties: FieldProperties): Set<string> {
  const targets = new Set<string>();
  for (const p of Object.values(properties))
    for (const m of p.lookup?.fieldMappings ?? []) targets.add(m.field);
  return targets;
}

/** The value a record holds for a field it was never given. */
export function emptyValue(type: FieldType): FieldValue["value"] {
  switch (type) {
    case "CHECK_BOX":
    case "MULTI_SELECT":
    case "USER_SELECT":
    case "ORGANIZATION_SELECT":
    case "GROUP_SELECT":
    case "STATUS_ASSIGNEE":
    case "FILE":
    case "SUBTABLE":
      return [];
    case "DATE":
    case "TIME":
    case "DATETIME":
    case "DROP_DOWN":
      return null;
    default:
      return "";
  }
}

/** A field's `{type, value}` when the record holds nothing for it. */
export function emptyFieldValue(type: FieldType): FieldValue {
  return { type, value: emptyValue(type) } as FieldValue;
}

/** Field types that exist only in the layout or carry no record value. */
export const VALUELESS_TYPES: ReadonlySet<FieldType> = new Set([
  "GROUP",
  "LABEL",
  "SPACER",
  "HR",
  "REFERENCE_TABLE",
  "STATUS",
  "STATUS_ASSIGNEE",
  "CATEGORY",
]);

/** A plain layout when a seed gives none: one row per field, system fields first as kintone's templates do. */
export function defaultLayout(properties: FieldProperties): LayoutItem[] {
  const rows: LayoutItem[] = [];
  for (const p of Object.values(properties)) {
    if (
      [
        "CREATOR",
        "CREATED_TIME",
        "MODIFIER",
        "UPDATED_TIME",
        "STATUS",
        "STATUS_ASSIGNEE",
        "CATEGORY",
      ].includes(p.type)
    ) {
      continue;
    }
    if (p.type === "SUBTABLE") {
      rows.push({
        type: "SUBTABLE",
        code: p.code,
        fields: Object.values(p.fields ?? {}).map((f) => ({
          type: f.type,
          code: f.code,
          size: { width: "193" },
        })),
      });
    } else {
      rows.push({ type: "ROW", fields: [{ type: p.type, code: p.code, size: { width: "193" } }] });
    }
  }
  return rows;
}
