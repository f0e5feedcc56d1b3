import type { CustomerFields } from "../schemas/settings-parts.ts";
import type { KintoneRecord } from "./kintone-record.ts";

/** Where a customer record is, and which edit of it was read: revision dedupes overlapping reads (I10). */
export interface RecordIdentity {
  recordId: string;
  recordNumber: string;
  revision: string;
}

function required(record: KintoneRecord, code: "$id" | "$revision"): string {
  const value = record[code]?.value;
  // kintone always sends both; missing means the read listed `fields` without them, a bug to surface.
  if (typeof value !== "string" && typeof value !== "number") throw new TypeError(`record has no ${code}`);
  return String(value);
}

function text(record: KintoneRecord, code: string): string {
  const value = Object.hasOwn(record, code) ? record[code]?.value : undefined;
  return typeof value === "string" || typeof value === "number" ? String(value) : "";
}

/** The value of the record's RECORD_NUMBER field, whatever its code; "" without one. */
function typedRecordNumber(record: KintoneRecord): string {
  const typed = Object.keys(record).find((code) => record[code]?.type === "RECORD_NUMBER");
  return typed === undefined ? "" : text(record, typed);
}

export function recordIdentity(
  record: KintoneRecord,
  fields?: Pick<CustomerFields, "recordNumber">,
): RecordIdentity {
  const recordId = required(record, "$id");
  const mapped = fields?.recordNumber ? text(record, fields.recordNumber) : "";
  // Without an app code kintone's record number is the record id, so that is the last resort.
  const recordNumber = mapped || typedRecordNumber(record) || recordId;
  return { recordId, recordNumber, revision: required(record, "$revision") };
}
