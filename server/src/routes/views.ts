import { formatMessage, type Language, messages } from "@front-agent/shared";
import type { CustomerRow, ExportRow, ImportRunRow } from "../storage/index.ts";

/** API.md's Customer: identifiers as strings, the link and the unlink reason as objects or null. */
export function customerView(row: CustomerRow) {
  return {
    id: row.id,
    name: row.name,
    company: row.company,
    department: row.department,
    email: row.email,
    phone: row.phone,
    address: row.address,
    kintone: row.kintone
      ? { appId: row.kintone.appId, recordId: row.kintone.recordId, recordNumber: row.kintone.recordNumber }
      : null,
    unlinked: row.unlinked ? { reason: row.unlinked.reason, at: row.unlinked.at } : null,
    updatedAt: row.updatedAt,
  };
}

/** API.md's Run. */
export function runView(run: ImportRunRow) {
  return {
    id: run.id,
    kind: run.kind,
    status: run.status,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    read: run.read,
    created: run.created,
    updated: run.updated,
    skipped: run.skipped,
    failed: run.failed,
    kintoneRequests: run.kintoneRequests,
    ...(run.error ? { error: run.error } : {}),
  };
}

/** API.md's export: the reason reads in the caller's language (stored as a catalogue code). */
export function exportView(row: ExportRow, language: Language) {
  const format = formatMessage as (
    code: string,
    language: Language,
    params?: Record<string, string | number>,
  ) => string;
  return {
    exportId: row.id,
    eventId: row.eventId,
    status: row.status,
    ...(row.kintoneRecordId ? { kintoneRecordId: row.kintoneRecordId } : {}),
    ...(row.customerId ? { customerId: row.customerId } : {}),
    ...(row.reason
      ? {
          reason:
            row.reason.code in messages
              ? format(row.reason.code, language, row.reason.params)
              : row.reason.code,
        }
      : {}),
    // Not in API.md (extra fields are allowed): when the export last changed, e.g. when it was written.
    updatedAt: row.updatedAt,
  };
}
