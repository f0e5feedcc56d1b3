/**
 * Which kintone field types each mapped item accepts (SPEC S4, S6). Contact items may also be a table,
 * whose first row gives the value (SPEC I5).
 */
export const CUSTOMER_FIELD_TYPES = {
  name: ["SINGLE_LINE_TEXT"],
  lastName: ["SINGLE_LINE_TEXT"],
  firstName: ["SINGLE_LINE_TEXT"],
  company: ["SINGLE_LINE_TEXT"],
  department: ["SINGLE_LINE_TEXT", "MULTI_LINE_TEXT", "DROP_DOWN", "RADIO_BUTTON"],
  email: ["SINGLE_LINE_TEXT", "LINK", "SUBTABLE"],
  phone: ["SINGLE_LINE_TEXT", "LINK", "SUBTABLE"],
  address: ["SINGLE_LINE_TEXT", "MULTI_LINE_TEXT", "SUBTABLE"],
  recordNumber: ["RECORD_NUMBER"],
} as const;

export const ACTIVITY_FIELD_TYPES = {
  customerLookup: ["SINGLE_LINE_TEXT", "NUMBER"],
  company: ["SINGLE_LINE_TEXT"],
  name: ["SINGLE_LINE_TEXT"],
  owner: ["USER_SELECT"],
  datetime: ["DATETIME"],
  title: ["SINGLE_LINE_TEXT"],
  body: ["MULTI_LINE_TEXT", "RICH_TEXT"],
  link: ["LINK", "SINGLE_LINE_TEXT"],
  eventId: ["SINGLE_LINE_TEXT"],
} as const;

/** kintone ignores `required` on these, or fills them itself. */
export const NEVER_NEEDS_A_VALUE = new Set([
  "RADIO_BUTTON",
  "CALC",
  "RECORD_NUMBER",
  "CREATOR",
  "CREATED_TIME",
  "MODIFIER",
  "UPDATED_TIME",
  "STATUS",
  "STATUS_ASSIGNEE",
  "CATEGORY",
]);
