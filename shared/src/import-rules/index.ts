export {
  fieldsByCode,
  firstValue,
  type KintoneField,
  type KintoneRecord,
  readCode,
  singleText,
  wholeValue,
} from "./kintone-record.ts";
export { type NameAndCompany, nameAndCompany } from "./name-and-company.ts";
export { identityKey, normalizeText } from "./normalize.ts";
export { type RecordIdentity, recordIdentity } from "./record-identity.ts";
export {
  type CustomerFieldCodes,
  type ImportedCustomer,
  type RecordConversion,
  recordToCustomer,
  type SkipReason,
} from "./record-to-customer.ts";
export { DEFAULT_UPDATED_TIME_FIELD, updatedTimeFieldCode } from "./updated-time-field.ts";
export { initialWindowStart, isNewer, nextWatermark, sinceFor } from "./watermark.ts";
