/**
 * kintone's own public JSON shapes, as the REST API sends and receives them.
 * The emulator stores records in this shape so that what it serves is what it keeps.
 */

export type FieldType =
  | "__ID__"
  | "__REVISION__"
  | "RECORD_NUMBER"
  | "CREATOR"
  | "CREATED_TIME"
  | "MODIFIER"
  | "UPDATED_TIME"
  | "SINGLE_LINE_TEXT"
  | "MULTI_LINE_TEXT"
  | "RICH_TEXT"
  | "NUMBER"
  | "CALC"
  | "LINK"
  | "DATE"
  | "TIME"
  | "DATETIME"
  | "RADIO_BUTTON"
  | "DROP_DOWN"
  | "CHECK_BOX"
  | "MULTI_SELECT"
  | "USER_SELECT"
  | "ORGANIZATION_SELECT"
  | "GROUP_SELECT"
  | "FILE"
  | "SUBTABLE"
  | "STATUS"
  | "STATUS_ASSIGNEE"
  | "CATEGORY"
  | "REFERENCE_TABLE"
  | "GROUP"
  | "LABEL"
  | "SPACER"
  | "HR";

export interface LookupSetting {
  relatedApp: { app: string; code: string };
  relatedKeyField: string;
  fieldMappings: Array<{ field: string; relatedField: string }>;
  /** Picker-only settings: kintone always reports them; seeds may leave them out. */
  lookupPickerFields?: string[];
  filterCond?: string;
  sort?: string;
}

export interface OptionSetting {
  label: string;
  index: string;
}

/** One entry of `properties` in GET /k/v1/app/form/fields.json. Flags are JSON booleans, limits strings. */
export interface FieldProperty {
  type: FieldType;
  code: string;
  label: string;
  noLabel?: boolean;
  required?: boolean;
  unique?: boolean;
  defaultValue?: unknown;
  defaultNowValue?: boolean;
  minLength?: string;
  maxLength?: string;
  minValue?: string;
  maxValue?: string;
  digit?: boolean;
  displayScale?: string;
  unit?: string;
  unitPosition?: "BEFORE" | "AFTER";
  protocol?: "WEB" | "CALL" | "MAIL";
  expression?: string;
  hideExpression?: boolean;
  options?: Record<string, OptionSetting>;
  align?: "HORIZONTAL" | "VERTICAL";
  entities?: Array<{ code: string; type: "USER" | "GROUP" | "ORGANIZATION" | "FUNCTION" }>;
  lookup?: LookupSetting;
  /** SUBTABLE only: its inner fields. */
  fields?: Record<string, FieldProperty>;
  enabled?: boolean;
}

export type FieldProperties = Record<string, FieldProperty>;

export interface UserEntity {
  code: string;
  name: string;
}

export interface FileValue {
  contentType: string;
  fileKey: string;
  name: string;
  size: string;
}

export interface SubtableRow {
  id: string;
  value: Record<string, FieldValue>;
}

/** A field's value as kintone sends it on read: `{type, value}`; values are strings, never numbers. */
export type FieldValue =
  | { type: "__ID__" | "__REVISION__" | "RECORD_NUMBER"; value: string }
  | {
      type:
        | "SINGLE_LINE_TEXT"
        | "MULTI_LINE_TEXT"
        | "RICH_TEXT"
        | "NUMBER"
        | "CALC"
        | "LINK"
        | "RADIO_BUTTON"
        | "STATUS";
      value: string;
    }
  | { type: "DATE" | "TIME" | "DATETIME" | "DROP_DOWN"; value: string | null }
  | { type: "CATEGORY"; value: string[] }
  | { type: "CREATED_TIME" | "UPDATED_TIME"; value: string }
  | { type: "CREATOR" | "MODIFIER"; value: UserEntity }
  | { type: "CHECK_BOX" | "MULTI_SELECT"; value: string[] }
  | {
      type: "USER_SELECT" | "ORGANIZATION_SELECT" | "GROUP_SELECT" | "STATUS_ASSIGNEE";
      value: UserEntity[];
    }
  | { type: "FILE"; value: FileValue[] }
  | { type: "SUBTABLE"; value: SubtableRow[] };

/** A record as GET /k/v1/record.json returns it, including `$id` and `$revision`. */
export type KintoneRecord = Record<string, FieldValue>;
