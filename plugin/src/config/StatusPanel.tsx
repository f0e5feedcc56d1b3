import { DAILY_BUDGET_SHARE } from "@front-agent/shared/settings-checks";
import { useEffect, useState } from "preact/hooks";
import type { Run, Status } from "../backend.ts";
import { type Language, type MessageKey, t } from "../i18n.ts";
import { connectionError } from "./ConnectionSection.tsx";
import { formatCount, formatDateTime } from "./locale-format.ts";
import type { SectionProps } from "./section-props.ts";

/** How often the status is read again while a run is running. */
export const POLL_MS = 3000;

type Load =
  | { state: "idle" | "loading" }
  | { state: "error"; text: string }
  | { state: "ready"; status: Status };

type SyncRequest = { state: "idle" | "sending" } | { state: "sent" | "error"; text: string };

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

/** The backend records a failed run's error as a code (run-import's errorCode); an unknown one is shown as is. */
const RUN_ERROR: Record<string, MessageKey> = {
  KINTONE_AUTH_FAILED: "runErrorAuth",
  KINTONE_PERMISSION_DENIED: "runErrorPermission",
  KINTONE_RATE_LIMITED: "runErrorRateLimited",
  KINTONE_UNAVAILABLE: "runErrorUnavailable",
  KINTONE_ORIGIN_NOT_ALLOWED: "runErrorOrigin",
  INTERNAL: "runErrorInternal",
};

/**
 * The backend's GET /v1/kintone/status: recent import runs, linked customers, minutes exports and the next
 * sync; 今すぐ同期 starts an incremental run. While a run is running the status is read again every few
 * seconds, and no longer once none is (or once reading fails: then the administrator refreshes).
 */
export function StatusPanel({ language, backend, pollMs = POLL_MS }: SectionProps & { pollMs?: number }) {
  const [load, setLoad] = useState<Load>({ state: "idle" });
  const [tick, setTick] = useState(0);
  const [sync, setSync] = useState<SyncRequest>({ state: "idle" });
  const refresh = () => setTick((n) => n + 1);

  // `tick` is the refresh signal: the button, the poll and 今すぐ同期 bump it.
  useEffect(() => {
    if (!backend) {
      setLoad({ state: "idle" });
      return;
    }
    let current = true;
    // A refresh keeps the table shown until the new status arrives.
    setLoad((previous) => (previous.state === "ready" ? previous : { state: "loading" }));
    backend.status().then(
      (status) => {
        if (current) setLoad({ state: "ready", status });
      },
      (error: unknown) => {
        if (current)
          setLoad({
            state: "error",
            text: t(language, "statusFailed", { reason: connectionError(language, error) }),
          });
      },
    );
    return () => {
      current = false;
    };
  }, [backend, language, tick]);

  const running = load.state === "ready" && load.status.runs.some((r) => r.status === "running");
  // Each status read while a run is running (a new `load`) arms the next read.
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(refresh, pollMs);
    return () => clearTimeout(timer);
  }, [running, load, pollMs]);

  const syncNow = async () => {
    if (!backend) return;
    setSync({ state: "sending" });
    try {
      await backend.sync("incremental");
      setSync({ state: "sent", text: t(language, "statusSyncStarted") });
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
      {load.state === "idle" ? <p class="kintoneplugin-desc">{t(language, "statusNeedBackend")}</p> : null}
      {load.state === "loading" ? (
        <p class="kintoneplugin-desc" aria-live="polite">
          {t(language, "statusLoading")}
        </p>
      ) : null}
      {load.state === "error" ? (
        <p class="fa-check fa-check-error" role="alert">
          {load.text}
        </p>
      ) : null}
      {load.state === "ready" ? <StatusView language={language} status={load.status} /> : null}
      {backend ? (
        <div class="kintoneplugin-row">
          <button
            type="button"
            class="kintoneplugin-button-normal"
            disabled={running || sync.state === "sending" || load.state !== "ready"}
            onClick={syncNow}
          >
            {t(language, "statusSyncNow")}
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
    </section>
  );
}

function StatusView({ language, status }: { language: Language; status: Status }) {
  const n = (value: number | undefined) => formatCount(language, value ?? 0);
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
          ? t(language, "statusNextSync", { at: formatDateTime(language, status.nextSyncAt) })
          : t(language, "statusNextSyncNone")}
      </p>
      {runs.length === 0 ? (
        <p class="kintoneplugin-desc">{t(language, "statusNoRuns")}</p>
      ) : (
        <table class="kintoneplugin-table fa-runs">
          <thead>
            <tr>
              {(
                [
                  "statusColKind",
                  "statusColStatus",
                  "statusColStarted",
                  "statusColFinished",
                  "statusColRead",
                  "statusColCreated",
                  "statusColUpdated",
                  "statusColSkipped",
                  "statusColFailed",
                  "statusColError",
                ] as const
              ).map((key) => (
                <th key={key} class="kintoneplugin-table-th">
                  {t(language, key)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id} class={`fa-run fa-run-${run.status}`}>
                <td class="kintoneplugin-table-td">{t(language, KIND[run.kind])}</td>
                <td class="kintoneplugin-table-td">{t(language, RUN_STATUS[run.status])}</td>
                <td class="kintoneplugin-table-td">{formatDateTime(language, run.startedAt)}</td>
                <td class="kintoneplugin-table-td">
                  {run.finishedAt ? formatDateTime(language, run.finishedAt) : "—"}
                </td>
                <td class="kintoneplugin-table-td">{n(run.read)}</td>
                <td class="kintoneplugin-table-td">{n(run.created)}</td>
                <td class="kintoneplugin-table-td">{n(run.updated)}</td>
                <td class="kintoneplugin-table-td">{n(run.skipped)}</td>
                <td class="kintoneplugin-table-td">{n(run.failed)}</td>
                <td class="kintoneplugin-table-td">{run.error ? runError(language, run) : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** The screen's own words for the codes it knows; else the backend's sentence (in the same language); else the code. */
function runError(language: Language, run: Run): string {
  const code = run.error ?? "";
  const key = RUN_ERROR[code];
  return key ? t(language, key) : (run.message ?? code);
}
