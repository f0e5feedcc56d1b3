import { type AdminExport, type ErrorCode, formatCode, type Language } from "@front-agent/shared";
import type { ExportRow, ExportStatus, ExportSummary } from "../../storage/index.ts";
import { deferredUntil } from "../request-budget.ts";
import { exportCustomer } from "./review.ts";

type Params = Record<string, string | number>;
type Words = { reason: ErrorCode; fix: ErrorCode; params: Params };

/**
 * Which of the catalogue's administrator texts (EXPORT_ADMIN_*) tell an export's state, from its status and
 * stored reason; null when there is nothing to say (queued, written). A queued export keeps the reason of
 * the failure it was sent again from: only the budget's deferral is said of a queued one.
 */
export function adminWords(status: ExportStatus, reason: ExportRow["reason"]): Words | null {
  const code = reason?.code ?? null;
  const params: Params = reason?.params ?? {};
  const said = (what: ErrorCode, fix: ErrorCode, extra: Params = {}): Words => ({
    reason: what,
    fix,
    params: { ...params, ...extra },
  });
  const notWritten = () =>
    said("EXPORT_ADMIN_NOT_WRITTEN", "EXPORT_ADMIN_NOT_WRITTEN_FIX", { code: code ?? "-" });
  switch (status) {
    case "queued":
      return deferredUntil({ reason }) ? said("EXPORT_ADMIN_DEFERRED", "EXPORT_ADMIN_DEFERRED_FIX") : null;
    case "written":
      return code === "EXPORT_USER_NOT_MAPPED_WARNING"
        ? said("EXPORT_ADMIN_WRITTEN_NO_OWNER", "EXPORT_ADMIN_WRITTEN_NO_OWNER_FIX")
        : null;
    case "needs_review":
      if (code === "EXPORT_NEEDS_REVIEW_NAME_TAKEN")
        return said("EXPORT_ADMIN_REVIEW_NAME_TAKEN", "EXPORT_ADMIN_REVIEW_NAME_TAKEN_FIX");
      if (code === "EXPORT_NEEDS_REVIEW" && params.records)
        return said("EXPORT_ADMIN_REVIEW_SEVERAL", "EXPORT_ADMIN_REVIEW_FIX");
      return said("EXPORT_ADMIN_REVIEW", "EXPORT_ADMIN_REVIEW_FIX");
    case "skipped":
      return code === "EXPORT_NO_CUSTOMER_MATCH"
        ? said("EXPORT_ADMIN_NO_MATCH", "EXPORT_ADMIN_NO_MATCH_FIX")
        : notWritten();
    case "failed":
      switch (code) {
        case "EXPORT_USER_NOT_MAPPED":
          return said("EXPORT_ADMIN_USER_NOT_MAPPED", "EXPORT_ADMIN_USER_NOT_MAPPED_FIX");
        case "EXPORT_KINTONE_REJECTED":
          return said("EXPORT_ADMIN_REJECTED", "EXPORT_ADMIN_REJECTED_FIX");
        case "EXPORT_LOOKUP_TARGET_MISSING":
          return said("EXPORT_ADMIN_LOOKUP_MISSING", "EXPORT_ADMIN_LOOKUP_MISSING_FIX");
        case "KINTONE_REDIRECT":
          return said("EXPORT_ADMIN_REDIRECT", "EXPORT_ADMIN_REDIRECT_FIX");
        default:
          return notWritten();
      }
  }
}

/** The administrator's view of an export (docs/api.md's AdminExport), in the reader's language. */
export function adminExportView(summary: ExportSummary, language: Language): AdminExport {
  const retryAt = summary.status === "queued" ? deferredUntil(summary) : null;
  const words = adminWords(summary.status, summary.reason);
  const params = retryAt ? { ...words?.params, time: retryTime(retryAt, language) } : words?.params;
  return {
    exportId: summary.id,
    eventId: summary.eventId,
    title: summary.meeting.title,
    startedAt: summary.meeting.startedAt,
    user: summary.user,
    customer: exportCustomer(summary),
    status: summary.status,
    ...(summary.kintoneRecordId ? { kintoneRecordId: summary.kintoneRecordId } : {}),
    ...(words
      ? { reason: formatCode(words.reason, language, params), fix: formatCode(words.fix, language, params) }
      : {}),
    ...(retryAt ? { retryAt } : {}),
    createdAt: summary.createdAt,
    updatedAt: summary.updatedAt,
  };
}

/**
 * When a deferred export is written, as its reader knows the time: kintone's day ends at 09:00 in Japan
 * (00:00 UTC), which is what a Japanese administrator expects to read; English readers get UTC.
 */
export function retryTime(at: string, language: Language): string {
  const date = new Date(at);
  if (language === "en") return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const jst = new Date(date.getTime() + 9 * 3_600_000).toISOString();
  return `${jst.slice(0, 10).replaceAll("-", "/")} ${jst.slice(11, 16)}（日本時間）`;
}
