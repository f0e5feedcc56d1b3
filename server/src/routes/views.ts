import {
  type Customer,
  customerDetails,
  isErrorCode,
  type Language,
  messageFor,
  placeholdersOf,
  textOfCode,
} from "@front-agent/shared";
import { retryTime } from "../services/exports/admin-view.ts";
import { deferredUntil } from "../services/request-budget.ts";
import type { CustomerRow, ExportRow, ImportRunRow } from "../storage/index.ts";

/** API.md's Customer: identifiers as strings, the link and the unlink reason as objects or null. */
export function customerView(row: CustomerRow): Customer {
  return {
    id: row.id,
    ...customerDetails(row),
    kintone: row.kintone
      ? { appId: row.kintone.appId, recordId: row.kintone.recordId, recordNumber: row.kintone.recordNumber }
      : null,
    unlinked: row.unlinked ? { reason: row.unlinked.reason, at: row.unlinked.at } : null,
    updatedAt: row.updatedAt,
  };
}

/** API.md's Run; with a language, a failed run's reason also reads as text (`message`, extra field). */
export function runView(run: ImportRunRow, language?: Language) {
  const message = run.error && language ? runMessage(run.error, language) : null;
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
    // Not in API.md (extra fields are allowed): customers a full run unlinked, their record deleted.
    ...(run.kind === "full" ? { unlinked: run.unlinked } : {}),
    ...(run.error ? { error: run.error } : {}),
    ...(message ? { message } : {}),
    // Still running, but waiting for the next day's kintone request budget: until when.
    ...(run.status === "running" && run.deferredUntil ? { deferredUntil: run.deferredUntil } : {}),
  };
}

/**
 * The catalogue's text for a run's error code, when it has one that needs no parameter (a run keeps only
 * the code): the status panel can show what to fix for a code it does not know itself.
 */
function runMessage(code: string, language: Language): string | null {
  if (!isErrorCode(code)) return null;
  const text = messageFor(code, language);
  return placeholdersOf(text).length === 0 ? text : null;
}

/** API.md's export: the reason reads in the caller's language (stored as a catalogue code). */
export function exportView(row: ExportRow, language: Language) {
  const retryAt = row.status === "queued" ? deferredUntil(row) : null;
  const params = retryAt ? { ...row.reason?.params, time: retryTime(retryAt, language) } : row.reason?.params;
  return {
    exportId: row.id,
    eventId: row.eventId,
    status: row.status,
    ...(row.kintoneRecordId ? { kintoneRecordId: row.kintoneRecordId } : {}),
    ...(row.customerId ? { customerId: row.customerId } : {}),
    ...(row.reason
      ? {
          reason: textOfCode(row.reason.code, language, params),
        }
      : {}),
    // Not in API.md (extra fields are allowed): when a waiting export is tried next (the daily budget).
    ...(retryAt ? { retryAt } : {}),
    // Not in API.md (extra fields are allowed): when the export last changed, e.g. when it was written.
    updatedAt: row.updatedAt,
  };
}
