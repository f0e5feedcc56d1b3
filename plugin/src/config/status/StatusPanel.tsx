import type { ErrorCode } from "@front-agent/shared";
import { DAILY_BUDGET_SHARE } from "@front-agent/shared/settings-checks";
import { useEffect, useRef, useState } from "preact/hooks";
import type { BackendClient, Run, RunIssue, Status, SyncMode } from "../../backend.ts";
import { type Language, type MessageKey, t } from "../../i18n.ts";
import { connectionError } from "../connection/ConnectionSection.tsx";
import type { SectionProps } from "../section-props.ts";
import { Confirm } from "../ui/Confirm.tsx";
import { LoadLines, OnDemandRow, OnDemandToggle, useOnDemand, useRead } from "../ui/Loading.tsx";
import { formatCount, formatDateTime } from "../ui/locale-format.ts";
import { RecordAnchor } from "../ui/RecordAnchor.tsx";
import { TableHead } from "../ui/TableHead.tsx";

/** How often the status is read again while a run is running. */
export const POLL_MS = 3000;

/** The sync buttons' state: idle, sending, asking to confirm 全件同期, or saying how the request went. */
type SyncState = { state: "idle" | "sending" | "confirmFull" } | { state: "sent" | "error"; text: string };

const KIND: Record<Run["kind"], MessageKey> = {
  initial: "statusKindInitial",
  incremental: "statusKindIncremental",
  full: "statusKindFull",
};

const RUN_STATUS: Record<Run["status"], MessageKey> = {
  running: "statusRunRunning",
  succeeded: "statusRunSucceeded",
  failed: "statusRunFailed",
};

/**
 * The backend records a failed run's error as a code (services/import/failure-code.ts's importFailureCode); an unknown one is shown as is.
 * Keyed by the shared catalogue's codes (a misspelt one does not compile), read by any string.
 */
const RUN_ERROR: Partial<Record<string, MessageKey>> = {
  KINTONE_AUTH_FAILED: "runErrorAuth",
  KINTONE_PERMISSION_DENIED: "runErrorPermission",
  KINTONE_RATE_LIMITED: "runErrorRateLimited",
  KINTONE_UNAVAILABLE: "runErrorUnavailable",
  KINTONE_ORIGIN_NOT_ALLOWED: "runErrorOrigin",
  INTERNAL: "runErrorInternal",
} satisfies Partial<Record<ErrorCode, MessageKey>>;

/**
 * The backend's GET /v1/kintone/status: recent import runs (each skipped or failed record's reason on
 * demand), linked customers, minutes exports and the next syncs; 今すぐ同期 starts an incremental run,
 * 全件同期 (after a confirm line saying what it does) a full one. While a run is running the status is read
 * again every few seconds, and no longer once none is (or once reading fails: then the administrator
 * refreshes). `onStatus` hands each status read to the screen (the operator's limits the options show).
 */
export function StatusPanel({
  env,
  language,
  draft,
  backend,
  pollMs = POLL_MS,
  onStatus,
}: SectionProps & { pollMs?: number; onStatus?: (status: Status) => void }) {
  const [tick, setTick] = useState(0);
  const [sync, setSync] = useState<SyncState>({ state: "idle" });
  const refresh = () => setTick((n) => n + 1);
  // The latest callback, read when a status arrives: a new function on each render must not read again.
  const handOver = useRef(onStatus);
  handOver.current = onStatus;
  // `tick` is the refresh signal: the button, the poll and 今すぐ同期 bump it. A refresh keeps the table
  // shown until the new status arrives.
  const [load] = useRead(
    backend && (() => backend.status()),
    (error) => t(language, "statusFailed", { reason: connectionError(language, error) }),
    [backend, language, tick],
    { keepShown: true, onReady: (status) => handOver.current?.(status) },
  );

  const running = load.state === "ready" && load.data.runs.some((r) => r.status === "running");
  const busy = running || sync.state === "sending" || load.state !== "ready";
  // Each status read while a run is running (a new `load`) arms the next read.
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(refresh, pollMs);
    return () => clearTimeout(timer);
  }, [running, load, pollMs]);

  const startSync = async (mode: SyncMode) => {
    if (!backend) return;
    setSync({ state: "sending" });
    try {
      await backend.sync(mode);
      setSync({
        state: "sent",
        text: t(language, mode === "full" ? "statusFullSyncStarted" : "statusSyncStarted"),
      });
    } catch (error) {
      setSync({
        state: "error",
        text: t(language, "statusSyncFailed", { reason: connectionError(language, error) }),
      });
    }
    refresh();
  };

  return (
    <section class="fa-section" aria-labelledby="fa-status">
      <h3 id="fa-status" class="kintoneplugin-label">
        {t(language, "statusHeading")}
      </h3>
      <LoadLines
        load={load}
        idleText={t(language, "statusNeedBackend")}
        loadingText={t(language, "statusLoading")}
      />
      {load.state === "ready" && backend ? (
        <StatusView
          language={language}
          status={load.data}
          timeZone={env.timeZone?.()}
          backend={backend}
          customerAppId={draft.customerApp.appId.trim()}
        />
      ) : null}
      {backend ? (
        <div class="kintoneplugin-row">
          <button
            type="button"
            class="kintoneplugin-button-normal"
            disabled={busy}
            onClick={() => startSync("incremental")}
          >
            {t(language, "statusSyncNow")}
          </button>{" "}
          <button
            type="button"
            class="kintoneplugin-button-normal"
            disabled={busy || sync.state === "confirmFull"}
            onClick={() => setSync({ state: "confirmFull" })}
          >
            {t(language, "statusFullSync")}
          </button>{" "}
          <button type="button" class="kintoneplugin-button-normal" onClick={refresh}>
            {t(language, "statusRefresh")}
          </button>
          {sync.state === "sent" || sync.state === "error" ? (
            <span
              class={`fa-probe fa-probe-${sync.state === "sent" ? "ok" : "error"}`}
              role={sync.state === "error" ? "alert" : undefined}
              aria-live="polite"
            >
              {sync.text}
            </span>
          ) : null}
        </div>
      ) : null}
      {backend && sync.state === "confirmFull" ? (
        <Confirm
          label={t(language, "statusFullSync")}
          question={t(language, "statusFullSyncConfirm")}
          no={t(language, "statusFullSyncNo")}
          yes={t(language, "statusFullSyncYes")}
          busy={busy}
          onNo={() => setSync({ state: "idle" })}
          onYes={() => startSync("full")}
        />
      ) : null}
    </section>
  );
}

interface ViewProps {
  language: Language;
  status: Status;
  timeZone: string | undefined;
  backend: BackendClient;
  customerAppId: string;
}

const RUN_COLUMNS = [
  "statusColKind",
  "statusColStatus",
  "statusColStarted",
  "statusColFinished",
  "statusColRead",
  "statusColCreated",
  "statusColUpdated",
  "statusColSkipped",
  "statusColFailed",
  "statusColUnlinked",
  "statusColError",
] as const;

function StatusView({ language, status, timeZone, backend, customerAppId }: ViewProps) {
  const n = (value: number | undefined) => formatCount(language, value ?? 0);
  const at = (iso: string) => formatDateTime(language, iso, timeZone);
  const runs = [...status.runs].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  return (
    <>
      <p class="kintoneplugin-desc fa-status-customers">
        {t(language, "statusCustomers", {
          linked: n(status.customers.linked),
          total: n(status.customers.total),
        })}
      </p>
      <p class="kintoneplugin-desc fa-status-exports">
        {t(language, "statusExports", {
          written: n(status.exports.written),
          needsReview: n(status.exports.needsReview),
          queued: n(status.exports.queued),
          skipped: n(status.exports.skipped),
          failed: n(status.exports.failed),
        })}
      </p>
      {status.exports.deferred ? (
        <p class="kintoneplugin-desc fa-status-deferred">
          {t(language, "statusExportsDeferred", { deferred: n(status.exports.deferred) })}
        </p>
      ) : null}
      {status.kintoneRequests ? (
        <p class="kintoneplugin-desc fa-status-requests">
          {t(language, "statusRequests", {
            apps:
              Object.entries(status.kintoneRequests.today)
                .map(([appId, count]) => t(language, "statusRequestsApp", { appId, count: n(count) }))
                .join(t(language, "listSeparator")) || t(language, "statusRequestsNone"),
            share: n(Math.round(status.kintoneRequests.dailyLimit * DAILY_BUDGET_SHARE)),
            limit: n(status.kintoneRequests.dailyLimit),
          })}
        </p>
      ) : null}
      <p class="kintoneplugin-desc fa-status-next">
        {status.nextSyncAt
          ? t(language, "statusNextSync", { at: at(status.nextSyncAt) })
          : t(language, "statusNextSyncNone")}
      </p>
      {status.nextFullSyncAt === undefined ? null : (
        <p class="kintoneplugin-desc fa-status-next-full">
          {status.nextFullSyncAt
            ? t(language, "statusNextFullSync", { at: at(status.nextFullSyncAt) })
            : t(language, "statusFullSyncOff")}
        </p>
      )}
      {runs.length === 0 ? (
        <p class="kintoneplugin-desc">{t(language, "statusNoRuns")}</p>
      ) : (
        <table class="kintoneplugin-table fa-runs">
          <TableHead language={language} columns={RUN_COLUMNS} />
          <tbody>
            {runs.map((run) => (
              <RunRow
                key={run.id}
                run={run}
                language={language}
                at={at}
                backend={backend}
                customerAppId={customerAppId}
              />
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** A run's row; with skipped or failed records, 理由を表示 lists each record's reason under it. */
function RunRow({
  run,
  language,
  at,
  backend,
  customerAppId,
}: {
  run: Run;
  language: Language;
  at(iso: string): string;
  backend: BackendClient;
  customerAppId: string;
}) {
  const { load: issues, toggle } = useOnDemand(
    () => backend.runIssues(run.id),
    (error) => t(language, "statusIssuesFailed", { reason: connectionError(language, error) }),
  );
  const n = (value: number) => formatCount(language, value);
  const withIssues = run.skipped + run.failed > 0;
  return (
    <>
      <tr class={`fa-run fa-run-${run.status}`}>
        <td class="kintoneplugin-table-td">{t(language, KIND[run.kind])}</td>
        <td class="kintoneplugin-table-td">{t(language, RUN_STATUS[run.status])}</td>
        <td class="kintoneplugin-table-td">{at(run.startedAt)}</td>
        <td class="kintoneplugin-table-td">{run.finishedAt ? at(run.finishedAt) : "—"}</td>
        <td class="kintoneplugin-table-td">{n(run.read)}</td>
        <td class="kintoneplugin-table-td">{n(run.created)}</td>
        <td class="kintoneplugin-table-td">{n(run.updated)}</td>
        <td class="kintoneplugin-table-td">{n(run.skipped)}</td>
        <td class="kintoneplugin-table-td">{n(run.failed)}</td>
        {/* Only a full run looks for deleted records (SPEC I11); other kinds cannot unlink. */}
        <td class="kintoneplugin-table-td fa-run-unlinked">
          {run.unlinked === undefined ? "—" : n(run.unlinked)}
        </td>
        <td class="kintoneplugin-table-td">
          {run.error ? runError(language, run) : ""}
          {run.status === "running" && run.deferredUntil ? (
            <span class="fa-run-deferred">
              {t(language, "statusRunDeferred", { time: at(run.deferredUntil) })}
            </span>
          ) : null}
          {withIssues ? (
            <OnDemandToggle
              load={issues}
              className="fa-link-button"
              show={t(language, "statusShowIssues")}
              hide={t(language, "statusHideIssues")}
              onToggle={toggle}
            />
          ) : null}
        </td>
      </tr>
      <OnDemandRow
        className="fa-run-issues"
        colSpan={RUN_COLUMNS.length}
        load={issues}
        loadingText={t(language, "statusIssuesLoading")}
      >
        {(found) => (
          <IssueList
            issues={found}
            total={run.skipped + run.failed}
            language={language}
            customerAppId={customerAppId}
          />
        )}
      </OnDemandRow>
    </>
  );
}

function IssueList({
  issues,
  total,
  language,
  customerAppId,
}: {
  issues: RunIssue[];
  total: number;
  language: Language;
  customerAppId: string;
}) {
  if (issues.length === 0) return <p class="kintoneplugin-desc">{t(language, "statusIssuesNone")}</p>;
  const heading = t(language, "statusIssuesHeading");
  return (
    <>
      <p class="fa-run-issues-heading">{heading}</p>
      <ul class="fa-run-issue-list" aria-label={heading}>
        {issues.map((issue) => {
          const record = t(language, "statusIssueRecord", { id: issue.recordId });
          return (
            <li key={`${issue.kind}:${issue.recordId}`}>
              <span class={`fa-run-issue-kind fa-run-issue-${issue.kind}`}>
                {t(language, issue.kind === "failed" ? "statusIssueFailed" : "statusIssueSkipped")}
              </span>{" "}
              <RecordAnchor appId={customerAppId} recordId={issue.recordId}>
                {record}
              </RecordAnchor>
              {`: ${issue.message}`}
            </li>
          );
        })}
      </ul>
      {issues.length < total ? (
        <p class="fa-note">
          {t(language, "statusIssuesPartial", {
            shown: formatCount(language, issues.length),
            total: formatCount(language, total),
          })}
        </p>
      ) : null}
    </>
  );
}

/** The screen's own words for the codes it knows; else the backend's sentence (in the same language); else the code. */
function runError(language: Language, run: Run): string {
  const code = run.error ?? "";
  const key = RUN_ERROR[code];
  return key ? t(language, key) : (run.message ?? code);
}
