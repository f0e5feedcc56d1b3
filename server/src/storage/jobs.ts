import { randomUUID } from "node:crypto";
import type { ExpressionBuilder, Selectable } from "kysely";
import type { Database, Db, JobsTable } from "./schema.ts";
import { addMilliseconds, toStoredTime } from "./timestamp.ts";

export type JobStatus = "queued" | "running" | "done" | "failed";

/** A unit of background work (an import run, an export write…) that outlives the process that queued it. */
export interface JobRow {
  id: string;
  tenantId: string;
  kind: string;
  payload: unknown;
  status: JobStatus;
  runAt: string;
  attempts: number;
  leaseUntil: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewJob {
  /** Generated when absent. */
  id?: string;
  tenantId: string;
  kind: string;
  payload: unknown;
  runAt: string;
  /** Defaults to the current time. */
  createdAt?: string;
}

export interface JobRepository {
  enqueue(job: NewJob): Promise<JobRow>;
  /**
   * Takes the oldest due job, queued or running with an expired lease (its worker died), marks it running
   * until `now + leaseMs` and counts the attempt. Null when nothing is due. `kinds` limits the kinds taken.
   */
  claim(now: string, leaseMs: number, kinds?: readonly string[]): Promise<JobRow | null>;
  /** Extends a running job's lease; false when the job is no longer running. */
  heartbeat(id: string, leaseUntil: string): Promise<boolean>;
  complete(id: string, now: string): Promise<void>;
  /** `retryAt` queues it again for then; null fails it for good. */
  fail(id: string, now: string, error: string, retryAt: string | null): Promise<void>;
  /** The tenant's queued and running jobs of a kind, soonest first. */
  pending(tenantId: string, kind: string): Promise<JobRow[]>;
}

/** A lost race (another worker took the same job first) is retried this often before giving up. */
const CLAIM_TRIES = 3;

export function createJobRepository(db: Db): JobRepository {
  return {
    async enqueue(job) {
      const createdAt = toStoredTime(job.createdAt ?? new Date().toISOString());
      const row: Selectable<JobsTable> = {
        id: job.id ?? randomUUID(),
        tenant_id: job.tenantId,
        kind: job.kind,
        payload: JSON.stringify(job.payload ?? null),
        status: "queued",
        run_at: toStoredTime(job.runAt),
        attempts: 0,
        lease_until: null,
        last_error: null,
        created_at: createdAt,
        updated_at: createdAt,
      };
      await db.insertInto("jobs").values(row).execute();
      return toJob(row);
    },

    async claim(now, leaseMs, kinds) {
      if (kinds !== undefined && kinds.length === 0) return null;
      const at = toStoredTime(now);
      const leaseUntil = addMilliseconds(at, leaseMs);
      const ofKinds = (eb: ExpressionBuilder<Database, "jobs">) =>
        kinds === undefined ? eb.lit(true) : eb("kind", "in", kinds);
      const abandoned = (eb: ExpressionBuilder<Database, "jobs">) =>
        eb.and([eb("status", "=", "running"), eb("lease_until", "<=", at), ofKinds(eb)]);
      const queued = (eb: ExpressionBuilder<Database, "jobs">) =>
        eb.and([eb("status", "=", "queued"), eb("run_at", "<=", at), ofKinds(eb)]);
      const due = (eb: ExpressionBuilder<Database, "jobs">) => eb.or([abandoned(eb), queued(eb)]);
      // The oldest abandoned job (its worker died: resume it first), else the oldest queued one. Two
      // ordered index seeks, not one OR that would gather and sort every due job on each claim.
      const oldest = (eb: ExpressionBuilder<Database, "jobs">, which: typeof queued) =>
        eb.selectFrom("jobs").select("id").where(which).orderBy("run_at").orderBy("id").limit(1);
      for (let i = 0; i < CLAIM_TRIES; i++) {
        // One statement, so the pick and the take are one atomic step on every database (the canonical
        // queue pattern on PostgreSQL). The outer due test repeats the inner one: if another worker took
        // the job between them, nothing is updated and this try is lost cleanly instead of taking it twice.
        const row = await db
          .updateTable("jobs")
          .set((eb) => ({
            status: "running",
            lease_until: leaseUntil,
            attempts: eb("attempts", "+", 1),
            updated_at: at,
          }))
          .where(
            "id",
            "=",
            (eb) => eb.fn.coalesce(oldest(eb, abandoned), oldest(eb, queued)),
            // PostgreSQL: add `.forUpdate().skipLocked()` to both subqueries, so concurrent workers each
            // lock a different job instead of all racing for the oldest. SQLite has no row locks and runs
            // one writer at a time, so there the statement alone is enough.
          )
          .where(due)
          .returningAll()
          .executeTakeFirst();
        if (row !== undefined) return toJob(row);
        // Nothing updated: either nothing is due, or another worker won the race for that job.
        const anyDue = await db.selectFrom("jobs").select("id").where(due).limit(1).executeTakeFirst();
        if (anyDue === undefined) return null;
      }
      return null;
    },

    async heartbeat(id, leaseUntil) {
      const result = await db
        .updateTable("jobs")
        .set({ lease_until: toStoredTime(leaseUntil) })
        .where("id", "=", id)
        .where("status", "=", "running")
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async complete(id, now) {
      const at = toStoredTime(now);
      await db
        .updateTable("jobs")
        .set({ status: "done", lease_until: null, updated_at: at })
        .where("id", "=", id)
        .execute();
    },

    async fail(id, now, error, retryAt) {
      const at = toStoredTime(now);
      await db
        .updateTable("jobs")
        .set({
          ...(retryAt === null ? { status: "failed" } : { status: "queued", run_at: toStoredTime(retryAt) }),
          lease_until: null,
          last_error: error,
          updated_at: at,
        })
        .where("id", "=", id)
        .execute();
    },

    async pending(tenantId, kind) {
      const rows = await db
        .selectFrom("jobs")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .where("kind", "=", kind)
        .where("status", "in", ["queued", "running"])
        .orderBy("run_at")
        .orderBy("id")
        .execute();
      return rows.map(toJob);
    },
  };
}

function toJob(row: Selectable<JobsTable>): JobRow {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    kind: row.kind,
    payload: JSON.parse(row.payload),
    // Only this repository writes the status, always a JobStatus.
    status: row.status as JobStatus,
    runAt: row.run_at,
    attempts: row.attempts,
    leaseUntil: row.lease_until,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
