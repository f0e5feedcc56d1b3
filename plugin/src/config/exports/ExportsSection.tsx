import type { ExportStatus } from "@front-agent/shared";
import { useState } from "preact/hooks";
import { type AdminExport, type BackendClient, type Candidates, EXPORT_STATUSES } from "../../backend.ts";
import { type Language, type MessageKey, t } from "../../i18n.ts";
import { connectionError } from "../connection/ConnectionSection.tsx";
import type { SectionProps } from "../section-props.ts";
import { LoadLines, OnDemandRow, OnDemandToggle, useOnDemand, useRead } from "../ui/Loading.tsx";
import { formatCount, formatDateTime, formatScore } from "../ui/locale-format.ts";
import { RecordAnchor } from "../ui/RecordAnchor.tsx";
import { TableHead } from "../ui/TableHead.tsx";

/** One page of the list; the backend's default, said here so paging does not depend on it. */
export const PAGE_SIZE = 20;

export const EXPORT_STATUS_LABEL: Record<ExportStatus, MessageKey> = {
  needs_review: "exportsStatusNeedsReview",
  failed: "exportsStatusFailed",
  queued: "exportsStatusQueued",
  skipped: "exportsStatusSkipped",
  written: "exportsStatusWritten",
};

type Filter = ExportStatus | "all";

const EXPORT_COLUMNS = [
  "exportsColMeeting",
  "exportsColStarted",
  "exportsColUser",
  "exportsColCustomer",
  "exportsColStatus",
  "exportsColDetail",
  "exportsColAction",
] as const;

const CANDIDATE_COLUMNS = [
  "exportsCandName",
  "exportsCandCompany",
  "exportsCandRecord",
  "exportsCandScore",
  "exportsColAction",
] as const;

/** What an export row says beside its status. */
export interface ExportDetail {
  /** The activity-app record, once written. */
  recordId?: string;
  /** A queued export waiting for the next day's request budget is written then. */
  deferredAt?: string;
  /** The backend's reason and fix are shown. */
  reason: boolean;
}

/**
 * The activity record once written; for a queued export waiting for the next day's request budget, when —
 * worded by the screen in the user's zone, instead of the backend's sentence, which names Japan's time or
 * UTC; otherwise the backend's reason and fix whenever it gave one (a failure, a skip, a review, or minutes
 * written without their person in charge).
 */
export function exportDetail(row: AdminExport): ExportDetail {
  const recordId = row.status === "written" ? row.kintoneRecordId : undefined;
  const deferredAt = row.status === "queued" ? row.retryAt : undefined;
  return {
    ...(recordId ? { recordId } : {}),
    ...(deferredAt ? { deferredAt } : {}),
    reason: !deferredAt && Boolean(row.reason || row.fix),
  };
}

/** 再送 is offered where the backend would write again after a fix: failed and skipped. */
export const canRetry = (row: AdminExport) => row.status === "failed" || row.status === "skipped";

/** The row once the backend accepted 再送: queued, and what made it fail or wait no longer said. */
export function retried(row: AdminExport): AdminExport {
  const { reason: _reason, fix: _fix, retryAt: _retryAt, ...rest } = row;
  return { ...rest, status: "queued" };
}

/**
 * 議事録の書き込み (GET /v1/kintone/exports): every meeting's minutes, newest first, a page at a time,
 * filtered by status. From here the administrator sends failed or skipped minutes again and links a 要確認
 * export's customer to the right customer-app record (with the connection key, their authority; record
 * pages cannot reach these calls).
 */
export function ExportsSection({ env, language, draft, backend }: SectionProps) {
  const [filter, setFilter] = useState<Filter>("all");
  // The cursor each visited page was read with: 次へ pushes the answer's nextCursor, 前へ pops.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [tick, setTick] = useState(0);
  const cursor = cursors[cursors.length - 1] ?? null;
  const [load, setLoad] = useRead(
    backend &&
      (() => backend.exports({ ...(filter === "all" ? {} : { status: filter }), limit: PAGE_SIZE, cursor })),
    (error) => t(language, "exportsFailed", { reason: connectionError(language, error) }),
    [backend, language, filter, cursor, tick],
  );

  /** A row the backend changed (retried, linked) is shown as it now is, without reading the page again. */
  const replace = (changed: AdminExport) =>
    setLoad((previous) =>
      previous.state === "ready"
        ? {
            state: "ready",
            data: {
              ...previous.data,
              exports: previous.data.exports.map((e) => (e.exportId === changed.exportId ? changed : e)),
            },
          }
        : previous,
    );

  const timeZone = env.timeZone?.();
  const nextCursor = load.state === "ready" ? load.data.nextCursor : null;
  // 前へ / 次へ only once there is more than one page.
  const paged = cursors.length > 1 || nextCursor !== null;
  return (
    <section class="fa-section" aria-labelledby="fa-exports">
      <h3 id="fa-exports" class="kintoneplugin-label">
        {t(language, "exportsHeading")}
      </h3>
      <p class="kintoneplugin-desc">{t(language, "exportsHelp")}</p>
      {backend ? (
        <div class="kintoneplugin-row fa-exports-filter">
          <label for="fa-exports-filter">{t(language, "exportsFilter")}</label>
          <div class="kintoneplugin-select-outer">
            <div class="kintoneplugin-select">
              <select
                id="fa-exports-filter"
                value={filter}
                onChange={(e) => {
                  setFilter(e.currentTarget.value as Filter);
                  setCursors([null]);
                }}
              >
                <option value="all">{t(language, "exportsFilterAll")}</option>
                {EXPORT_STATUSES.map((status) => (
                  <option key={status} value={status}>
                    {t(language, EXPORT_STATUS_LABEL[status])}
                  </option>
                ))}
              </select>
            </div>
          </div>
        </div>
      ) : null}
      <LoadLines
        load={load}
        idleText={t(language, "exportsNeedBackend")}
        loadingText={t(language, "exportsLoading")}
      />
      {load.state === "ready" && backend ? (
        load.data.exports.length === 0 ? (
          <p class="kintoneplugin-desc">{t(language, "exportsNone")}</p>
        ) : (
          <table class="kintoneplugin-table fa-exports">
            <TableHead language={language} columns={EXPORT_COLUMNS} />
            <tbody>
              {load.data.exports.map((row) => (
                <ExportRow
                  key={row.exportId}
                  row={row}
                  language={language}
                  timeZone={timeZone}
                  backend={backend}
                  activityAppId={draft.activityApp.appId.trim()}
                  customerAppId={draft.customerApp.appId.trim()}
                  onChanged={replace}
                />
              ))}
            </tbody>
          </table>
        )
      ) : null}
      {backend ? (
        <div class="kintoneplugin-row fa-exports-pager">
          {paged ? (
            <>
              <button
                type="button"
                class="kintoneplugin-button-normal"
                disabled={cursors.length === 1 || load.state === "loading"}
                onClick={() => setCursors((c) => c.slice(0, -1))}
              >
                {t(language, "exportsPrevious")}
              </button>{" "}
              <button
                type="button"
                class="kintoneplugin-button-normal"
                disabled={!nextCursor}
                onClick={() => {
                  if (nextCursor) setCursors((c) => [...c, nextCursor]);
                }}
              >
                {t(language, "exportsNext")}
              </button>{" "}
            </>
          ) : null}
          <button type="button" class="kintoneplugin-button-normal" onClick={() => setTick((n) => n + 1)}>
            {t(language, "exportsRefresh")}
          </button>
          {paged ? (
            <span class="fa-note fa-exports-page">
              {t(language, "exportsPage", { page: formatCount(language, cursors.length) })}
            </span>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

type Note = { kind: "ok" | "error"; text: string } | null;

interface RowProps {
  row: AdminExport;
  language: Language;
  timeZone: string | undefined;
  backend: BackendClient;
  activityAppId: string;
  customerAppId: string;
  onChanged(row: AdminExport): void;
}

function ExportRow({ row, language, timeZone, backend, activityAppId, customerAppId, onChanged }: RowProps) {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>(null);
  const {
    load: candidates,
    toggle: toggleCandidates,
    close: closeCandidates,
  } = useOnDemand(
    () => backend.exportCandidates(row.exportId),
    (error) => t(language, "exportsCandidatesFailed", { reason: connectionError(language, error) }),
  );

  const retry = async () => {
    setBusy(true);
    try {
      await backend.retryExport(row.exportId);
      onChanged(retried(row));
      setNote({ kind: "ok", text: t(language, "exportsRetried") });
    } catch (error) {
      setNote({
        kind: "error",
        text: t(language, "exportsRetryFailed", { reason: connectionError(language, error) }),
      });
    } finally {
      setBusy(false);
    }
  };

  const link = async (recordId: string) => {
    setBusy(true);
    try {
      onChanged(await backend.linkExport(row.exportId, recordId));
      closeCandidates();
      setNote({ kind: "ok", text: t(language, "exportsLinked") });
    } catch (error) {
      setNote({
        kind: "error",
        text: t(language, "exportsLinkFailed", { reason: connectionError(language, error) }),
      });
    } finally {
      setBusy(false);
    }
  };

  const detail = exportDetail(row);
  return (
    <>
      <tr class={`fa-export fa-export-${row.status}`} data-export-id={row.exportId}>
        <td class="kintoneplugin-table-td">{row.title}</td>
        <td class="kintoneplugin-table-td">{formatDateTime(language, row.startedAt, timeZone)}</td>
        <td class="kintoneplugin-table-td">{row.user.name}</td>
        <td class="kintoneplugin-table-td">{customerText(row.customer)}</td>
        <td class="kintoneplugin-table-td fa-export-status">
          {t(language, EXPORT_STATUS_LABEL[row.status])}
        </td>
        <td class="kintoneplugin-table-td fa-export-detail">
          {detail.recordId ? (
            <RecordAnchor appId={activityAppId} recordId={detail.recordId}>
              {t(language, "exportsActivityRecord", { id: detail.recordId })}
            </RecordAnchor>
          ) : null}
          {detail.deferredAt
            ? t(language, "exportsDeferred", { time: formatDateTime(language, detail.deferredAt, timeZone) })
            : null}
          {detail.reason ? (
            <span class="fa-export-reason">
              {row.reason}
              {row.fix ? <span class="fa-fix">{row.fix}</span> : null}
            </span>
          ) : null}
          {note ? (
            <span
              class={`fa-export-note fa-probe-${note.kind}`}
              role={note.kind === "error" ? "alert" : "status"}
            >
              {note.text}
            </span>
          ) : null}
        </td>
        <td class="kintoneplugin-table-td">
          {canRetry(row) ? (
            <button type="button" class="kintoneplugin-button-normal" disabled={busy} onClick={retry}>
              {t(language, "exportsRetry")}
            </button>
          ) : null}
          {row.status === "needs_review" ? (
            <OnDemandToggle
              load={candidates}
              className="kintoneplugin-button-normal"
              busy={busy}
              show={t(language, "exportsShowCandidates")}
              hide={t(language, "exportsHideCandidates")}
              onToggle={toggleCandidates}
            />
          ) : null}
        </td>
      </tr>
      <OnDemandRow
        className="fa-export-candidates"
        colSpan={EXPORT_COLUMNS.length}
        load={candidates}
        loadingText={t(language, "exportsCandidatesLoading")}
      >
        {(found) => (
          <CandidateList
            found={found}
            language={language}
            customerAppId={customerAppId}
            busy={busy}
            onLink={link}
          />
        )}
      </OnDemandRow>
    </>
  );
}

function CandidateList({
  found,
  language,
  customerAppId,
  busy,
  onLink,
}: {
  found: Candidates;
  language: Language;
  customerAppId: string;
  busy: boolean;
  onLink(recordId: string): void;
}) {
  const heading = t(language, "exportsCandidatesFor", { customer: customerText(found.customer) });
  if (found.candidates.length === 0)
    return (
      <>
        <p class="fa-export-candidates-heading">{heading}</p>
        <p class="kintoneplugin-desc">{t(language, "exportsCandidatesNone")}</p>
      </>
    );
  return (
    <>
      <p class="fa-export-candidates-heading">{heading}</p>
      <table class="kintoneplugin-table fa-candidates" aria-label={heading}>
        <TableHead language={language} columns={CANDIDATE_COLUMNS} />
        <tbody>
          {found.candidates.map((c) => (
            <tr key={c.recordId}>
              <td class="kintoneplugin-table-td">{c.name}</td>
              <td class="kintoneplugin-table-td">{c.company}</td>
              <td class="kintoneplugin-table-td">
                <RecordAnchor appId={customerAppId} recordId={c.recordId}>
                  {c.recordNumber}
                </RecordAnchor>
              </td>
              <td class="kintoneplugin-table-td">{formatScore(language, c.score)}</td>
              <td class="kintoneplugin-table-td">
                <button
                  type="button"
                  class="kintoneplugin-button-normal"
                  disabled={busy}
                  onClick={() => onLink(c.recordId)}
                >
                  {t(language, "exportsLink")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** 「山田 太郎 / 山田商事」; one name when the customer has no other (an empty company takes the name). */
function customerText(customer: { name: string; company: string }): string {
  if (!customer.company || customer.company === customer.name) return customer.name;
  if (!customer.name) return customer.company;
  return `${customer.name} / ${customer.company}`;
}
