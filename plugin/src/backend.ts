import type {
  AdminExport,
  AdminExportPage,
  Check,
  ChecksResponse,
  CustomerUrl,
  ExportCandidatesResponse,
  ExportLinked,
  ExportStatus,
  ImportPreview,
  RunIssuesResponse,
  SettingsSaved,
  Status,
  SyncAccepted,
  SyncMode,
  UsersResponse,
  UserView,
} from "@front-agent/shared";
import type { HttpMethod, KintoneEnv } from "./kintone-env.ts";

// The backend's answers are shared's zod types (docs/api.md), imported as types only: the bundle carries no
// zod, and the plug-in reads exactly what the backend validates and /openapi.json publishes.
// Check: a settings check, already in the screen's language; Run: one import run; RunIssue: why one record
// of a run was skipped or failed; Status: GET /v1/kintone/status.
export type { ImportRun as Run, RunIssue } from "@front-agent/shared";
export type { Check, Status, SyncMode };

/** The statuses in the order the filter offers them (a value list here: the bundle carries no zod). */
export const EXPORT_STATUSES = [
  "needs_review",
  "failed",
  "queued",
  "skipped",
  "written",
] as const satisfies readonly ExportStatus[];

/** One meeting's minutes as the administrator sees them (GET /v1/kintone/exports). */
export type { AdminExport };

/** A customer-app record that may be the meeting's customer (CRM候補検索), best first. */
export type Candidate = ExportCandidatesResponse["candidates"][number];

export type Candidates = ExportCandidatesResponse;

/** What the first import would do with these settings (POST /v1/kintone/import-preview). */
export type { ImportPreview };

/** A Front Agent user with the kintone user mapped to it (GET /v1/users). */
export type FrontAgentUser = UserView;

/** What PUT /v1/kintone/settings answers; `recordKey` (`fa_rk_…`) opens GET /v1/kintone/customer-link only. */
export type SaveAnswer = SettingsSaved;

/** A backend answer that is not a success: its code and message (API.md's error envelope). */
export class BackendError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly checks: Check[] = [],
  ) {
    super(message);
    this.name = "BackendError";
  }
}

/** The backend's root: every call starts with it. */
export function apiRoot(backendUrl: string): string {
  return `${backendUrl.replace(/\/+$/, "")}/v1/`;
}

/** The one call of a record page (the record button), and the one URL the record key is stored for. */
export function customerLinkUrl(backendUrl: string): string {
  return `${apiRoot(backendUrl)}kintone/customer-link`;
}

/**
 * The backend, reached only through `kintone.plugin.app.proxy` (SPEC S2). On the config screen the
 * administrator's typed connection key goes with each call; on a record page no key is sent and kintone's
 * servers add the record key stored with setProxyConfig, which opens the customer link and nothing else
 * (plugin/README.md, "Threat model").
 */
export class BackendClient {
  constructor(
    private readonly env: KintoneEnv,
    private readonly backendUrl: string,
    /** The connection key typed on the config screen; null on a record page. Never stored in kintone. */
    private readonly connectionKey: string | null = null,
  ) {}

  private async call<T>(
    method: HttpMethod,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; data: T }> {
    const headers: Record<string, string> = {
      "Accept-Language": this.env.language(),
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      ...(this.connectionKey ? { Authorization: `Bearer ${this.connectionKey}` } : {}),
    };
    const answer = await this.env.proxy(`${apiRoot(this.backendUrl)}${path}`, method, headers, body);
    let data: unknown = null;
    try {
      data = answer.body ? JSON.parse(answer.body) : null;
    } catch {
      // Not JSON: kintone's own proxy error page (DNS failure, timeout) or a wrong URL.
    }
    if (answer.status >= 200 && answer.status < 300) return { status: answer.status, data: data as T };
    // Anything may come back here (kintone's proxy answers too): each part of the error envelope is looked for.
    const error = (
      data as { error?: { code?: string; message?: string; details?: { checks?: Check[] } } } | null
    )?.error;
    throw new BackendError(
      answer.status,
      error?.code ?? "BACKEND_UNREACHABLE",
      error?.message ?? `HTTP ${answer.status}`,
      error?.details?.checks ?? [],
    );
  }

  async validate(settings: unknown): Promise<Check[]> {
    return (await this.call<ChecksResponse>("POST", "kintone/settings/validate", settings)).data.checks;
  }

  /**
   * Stores the settings; a refused save throws a BackendError carrying the checks. Each save issues a new
   * record key (the previous one stops working) for the plug-in to store for record pages.
   */
  async save(settings: unknown): Promise<SaveAnswer> {
    return (await this.call<SaveAnswer>("PUT", "kintone/settings", settings)).data;
  }

  /** The stored settings (tokens masked), or null before the first save. */
  async settings<T>(): Promise<T | null> {
    try {
      return (await this.call<T>("GET", "kintone/settings")).data;
    } catch (error) {
      if (error instanceof BackendError && error.status === 404) return null;
      throw error;
    }
  }

  /** What the first import would do with these settings (the backend reads kintone, writes nothing). */
  async importPreview(settings: unknown): Promise<ImportPreview> {
    return (await this.call<ImportPreview>("POST", "kintone/import-preview", settings)).data;
  }

  async status(): Promise<Status> {
    return (await this.call<Status>("GET", "kintone/status")).data;
  }

  async sync(mode: SyncMode): Promise<string> {
    return (await this.call<SyncAccepted>("POST", "kintone/sync", { mode })).data.runId;
  }

  /** Why each record of a run was skipped or failed (up to 1,000). */
  async runIssues(runId: string): Promise<RunIssuesResponse["issues"]> {
    return (await this.call<RunIssuesResponse>("GET", `kintone/runs/${encodeURIComponent(runId)}/issues`))
      .data.issues;
  }

  /** The minutes' exports, newest first; `cursor` is the page's nextCursor from before. */
  async exports(query: {
    status?: ExportStatus;
    limit?: number;
    cursor?: string | null;
  }): Promise<AdminExportPage> {
    const params = new URLSearchParams();
    if (query.status) params.set("status", query.status);
    if (query.limit !== undefined) params.set("limit", String(query.limit));
    if (query.cursor) params.set("cursor", query.cursor);
    const search = params.toString();
    return (await this.call<AdminExportPage>("GET", `kintone/exports${search ? `?${search}` : ""}`)).data;
  }

  /** 再送: the export is queued again (the backend never writes it twice). */
  async retryExport(exportId: string): Promise<void> {
    await this.call("POST", `kintone/exports/${encodeURIComponent(exportId)}/retry`, {});
  }

  /** The customer-app records that may be a needs_review export's customer. */
  async exportCandidates(exportId: string): Promise<Candidates> {
    return (await this.call<Candidates>("GET", `kintone/exports/${encodeURIComponent(exportId)}/candidates`))
      .data;
  }

  /** Links the export's customer to this customer-app record; the export comes back queued. */
  async linkExport(exportId: string, recordId: string): Promise<AdminExport> {
    return (
      await this.call<ExportLinked>("PUT", `kintone/exports/${encodeURIComponent(exportId)}/link`, {
        recordId,
      })
    ).data.export;
  }

  async users(): Promise<FrontAgentUser[]> {
    return (await this.call<UsersResponse>("GET", "users")).data.users;
  }

  /** The Front Agent page of the customer linked to this record, or null when none is. */
  async linkedCustomerUrl(recordId: string): Promise<string | null> {
    try {
      return (
        await this.call<CustomerUrl>("GET", `kintone/customer-link?recordId=${encodeURIComponent(recordId)}`)
      ).data.url;
    } catch (error) {
      if (error instanceof BackendError && error.status === 404) return null;
      throw error;
    }
  }
}
