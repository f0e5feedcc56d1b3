import type { ImportRunKind, ImportRunStatus } from "@front-agent/shared";
import type { Selectable } from "kysely";
import { addIssues, listIssues, type RunIssueRow } from "./import-run-issues.ts";
import type { Db, ImportRunsTable } from "./schema.ts";
import { toStoredTime } from "./timestamp.ts";

export type { ImportRunKind, ImportRunStatus };

/** Counters of SPEC I12, as absolute values. */
export interface ImportRunCounters {
  read: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  kintoneRequests: number;
}

export interface ImportRunRow extends ImportRunCounters {
  id: string;
  tenantId: string;
  kind: ImportRunKind;
  status: ImportRunStatus;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
  /** Where a run killed mid-way continues (e.g. the last kintone $id applied); JSON, shape owned by the import. */
  resume: unknown;
  /** The kintone update time the next incremental run starts from (SPEC I10). */
  watermark: string | null;
  /** A running run waiting for the next day's kintone request budget: when its job runs again. */
  deferredUntil: string | null;
  /** Customers a full run unlinked because their kintone record was deleted (SPEC I11). */
  unlinked: number;
}

export type NewImportRun = Pick<ImportRunRow, "id" | "tenantId" | "kind" | "startedAt"> &
  Partial<Pick<ImportRunRow, "status" | "watermark" | "resume">>;

export interface ImportRunProgress extends ImportRunCounters {
  resume: unknown;
}

export interface ImportRunFinish {
  status: Exclude<ImportRunStatus, "running">;
  finishedAt: string;
  error?: string | null;
  watermark?: string | null;
}

export interface ImportRunRepository {
  /** Starts as `running` with zero counters unless told otherwise. */
  create(run: NewImportRun): Promise<ImportRunRow>;
  get(tenantId: string, id: string): Promise<ImportRunRow | null>;
  /** Newest first. */
  list(tenantId: string, limit: number): Promise<ImportRunRow[]>;
  /**
   * Sets the counters to these absolute values (not deltas), so writing the same progress twice, as a
   * resumed run may, changes nothing.
   */
  progress(tenantId: string, id: string, progress: ImportRunProgress): Promise<void>;
  finish(tenantId: string, id: string, finish: ImportRunFinish): Promise<void>;
  /**
   * Ends the run as failed unless it has already ended (its job may have finished it first, with a
   * truer outcome). True when this call ended it.
   */
  failIfRunning(
    tenantId: string,
    id: string,
    failure: { finishedAt: string; error: string },
  ): Promise<boolean>;
  /** A record reported again in the same run replaces its earlier issue (a resumed run meets it twice). */
  addIssues(runId: string, issues: readonly RunIssueRow[]): Promise<void>;
  /** In the order first reported. */
  issues(tenantId: string, runId: string, limit: number): Promise<RunIssueRow[]>;
  running(tenantId: string): Promise<ImportRunRow | null>;
  /** The newest succeeded run of these kinds: the watermark's source. */
  lastSucceeded(tenantId: string, kinds: readonly ImportRunKind[]): Promise<ImportRunRow | null>;
  /** The newest run of these kinds, however it ended (or running). */
  lastStarted(tenantId: string, kinds: readonly ImportRunKind[]): Promise<ImportRunRow | null>;
  /**
   * Marks a running run as waiting for the next day's request budget until `at`, or no longer waiting
   * (null). A run that has ended is left as it is.
   */
  deferUntil(tenantId: string, id: string, at: string | null): Promise<void>;
  /** Sets how many customers the run unlinked (a full run, at its end). */
  recordUnlinked(tenantId: string, id: string, unlinked: number): Promise<void>;
}

export function createImportRunRepository(db: Db): ImportRunRepository {
  const get = async (tenantId: string, id: string) => {
    const row = await db
      .selectFrom("import_runs")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .executeTakeFirst();
    return row === undefined ? null : toRun(row);
  };

  const newest = async (
    tenantId: string,
    kinds: readonly ImportRunKind[],
    status: ImportRunStatus | null,
  ) => {
    if (kinds.length === 0) return null;
    let query = db
      .selectFrom("import_runs")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("kind", "in", kinds);
    if (status !== null) query = query.where("status", "=", status);
    const row = await query.orderBy("started_at", "desc").orderBy("id", "desc").executeTakeFirst();
    return row === undefined ? null : toRun(row);
  };

  return {
    async create(run) {
      const row: Selectable<ImportRunsTable> = {
        id: run.id,
        tenant_id: run.tenantId,
        kind: run.kind,
        status: run.status ?? "running",
        started_at: toStoredTime(run.startedAt),
        finished_at: null,
        read: 0,
        created: 0,
        updated: 0,
        skipped: 0,
        failed: 0,
        error: null,
        kintone_requests: 0,
        resume: toJson(run.resume),
        watermark: run.watermark ?? null,
        deferred_until: null,
        unlinked: 0,
      };
      await db.insertInto("import_runs").values(row).execute();
      return toRun(row);
    },

    get,

    async list(tenantId, limit) {
      const rows = await db
        .selectFrom("import_runs")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .orderBy("started_at", "desc")
        .orderBy("id", "desc")
        .limit(limit)
        .execute();
      return rows.map(toRun);
    },

    async progress(tenantId, id, p) {
      await db
        .updateTable("import_runs")
        .set({
          read: p.read,
          created: p.created,
          updated: p.updated,
          skipped: p.skipped,
          failed: p.failed,
          kintone_requests: p.kintoneRequests,
          resume: toJson(p.resume),
        })
        .where("tenant_id", "=", tenantId)
        .where("id", "=", id)
        .execute();
    },

    async finish(tenantId, id, f) {
      await db
        .updateTable("import_runs")
        .set({
          status: f.status,
          finished_at: toStoredTime(f.finishedAt),
          error: f.error ?? null,
          // An ended run waits for nothing.
          deferred_until: null,
          ...(f.watermark === undefined ? {} : { watermark: f.watermark }),
        })
        .where("tenant_id", "=", tenantId)
        .where("id", "=", id)
        .execute();
    },

    async failIfRunning(tenantId, id, failure) {
      const result = await db
        .updateTable("import_runs")
        .set({
          status: "failed",
          finished_at: toStoredTime(failure.finishedAt),
          error: failure.error,
          deferred_until: null,
        })
        .where("tenant_id", "=", tenantId)
        .where("id", "=", id)
        .where("status", "=", "running")
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    addIssues: (runId, issues) => addIssues(db, runId, issues),
    issues: (tenantId, runId, limit) => listIssues(db, tenantId, runId, limit),

    async running(tenantId) {
      const row = await db
        .selectFrom("import_runs")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .where("status", "=", "running")
        .orderBy("started_at", "desc")
        .executeTakeFirst();
      return row === undefined ? null : toRun(row);
    },

    lastSucceeded: (tenantId, kinds) => newest(tenantId, kinds, "succeeded"),
    lastStarted: (tenantId, kinds) => newest(tenantId, kinds, null),

    async recordUnlinked(tenantId, id, unlinked) {
      await db
        .updateTable("import_runs")
        .set({ unlinked })
        .where("tenant_id", "=", tenantId)
        .where("id", "=", id)
        .execute();
    },

    async deferUntil(tenantId, id, at) {
      await db
        .updateTable("import_runs")
        .set({ deferred_until: at === null ? null : toStoredTime(at) })
        .where("tenant_id", "=", tenantId)
        .where("id", "=", id)
        .where("status", "=", "running")
        .execute();
    },
  };
}

function toJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

function toRun(row: Selectable<ImportRunsTable>): ImportRunRow {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    // Only this repository writes these columns, always with the union's values.
    kind: row.kind,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    read: row.read,
    created: row.created,
    updated: row.updated,
    skipped: row.skipped,
    failed: row.failed,
    error: row.error,
    kintoneRequests: row.kintone_requests,
    resume: row.resume === null ? null : JSON.parse(row.resume),
    watermark: row.watermark,
    deferredUntil: row.deferred_until,
    unlinked: row.unlinked,
  };
}
