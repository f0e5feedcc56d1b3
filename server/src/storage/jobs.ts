import { randomUUID } from "node:crypto";
import type { ExpressionBuilder, QueryResult, Selectable } from "kysely";
import { isPostgres, prepared } from "./prepared.ts";
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
  /**
   * Deletes finished jobs last changed before these times (done, failed): a job is machinery, its
   * outcome lives on in the export or import run it served. Returns how many went.
   */
  prune(before: { done: string; failed: string }): Promise<number>;
}

/** A lost race (another worker took the same job first) is retried this often before giving up. */
const CLAIM_TRIES = 3;

// The statements every export runs, built once (see prepared.ts).
const insertJob = prepared<Selectable<JobsTable>, never>((db, p) =>
  db.insertInto("jobs").values({
    id: p.id,
    tenant_id: p.tenant_id,
    kind: p.kind,
    payload: p.payload,
    status: p.status,
    run_at: p.run_at,
    attempts: p.attempts,
    lease_until: p.lease_until,
    last_error: p.last_error,
    created_at: p.created_at,
    updated_at: p.updated_at,
  }),
);
const completeJob = prepared<{ id: string; at: string }, never>((db, p) =>
  db.updateTable("jobs").set({ status: "done", lease_until: null, updated_at: p.at }).where("id", "=", p.id),
);

interface ClaimStatements {
  take: (db: Db, values: { at: string; leaseUntil: string }) => Promise<QueryResult<Selectable<JobsTable>>>;
  anyDue: (db: Db, values: { at: string }) => Promise<QueryResult<{ id: string }>>;
}
/** The claim statements per set of kinds (a worker's lanes each ask for the same kinds every time). */
const claims = new Map<string, ClaimStatements>();

function claimFor(kinds: readonly string[] | undefined): ClaimStatements {
  const key = kinds === undefined ? "*" : JSON.stringify(kinds);
  const known = claims.get(key);
  if (known) return known;
  const ofKinds = (eb: ExpressionBuilder<Database, "jobs">) =>
    kinds === undefined ? eb.lit(true) : eb("kind", "in", kinds);
  const abandoned = (eb: ExpressionBuilder<Database, "jobs">, at: string) =>
    eb.and([eb("status", "=", "running"), eb("lease_until", "<=", at), ofKinds(eb)]);
  const queued = (eb: ExpressionBuilder<Database, "jobs">, at: string) =>
    eb.and([eb("status", "=", "queued"), eb("run_at", "<=", at), ofKinds(eb)]);
  const due = (eb: ExpressionBuilder<Database, "jobs">, at: string) =>
    eb.or([abandoned(eb, at), queued(eb, at)]);
  // The oldest abandoned job (its worker died: resume it first), else the oldest queued one. Two
  // ordered index seeks, not one OR that would gather and sort every due job on each claim.
  // PostgreSQL: SKIP LOCKED, so workers in several processes each lock a different job instead of all
  // queueing on the oldest one's row lock (and then losing the race). SQLite runs one writer at a time
  // and has no row locks: there the statement alone is enough.
  const oldest = (eb: ExpressionBuilder<Database, "jobs">, which: typeof queued, at: string, pg: boolean) =>
    eb
      .selectFrom("jobs")
      .select("id")
      .where((inner) => which(inner, at))
      .orderBy("run_at")
      .orderBy("id")
      .limit(1)
      .$if(pg, (query) => query.forUpdate().skipLocked());
  const statements: ClaimStatements = {
    // One statement, so the pick and the take are one atomic step on every database (the canonical
    // queue pattern on PostgreSQL). The outer due test repeats the inner one: if another worker took
    // the job between them, nothing is updated and this try is lost cleanly instead of taking it twice.
    take: prepared<{ at: string; leaseUntil: string }, Selectable<JobsTable>>((db, p) =>
      db
        .updateTable("jobs")
        .set((eb) => ({
          status: "running",
          lease_until: p.leaseUntil,
          attempts: eb("attempts", "+", 1),
          updated_at: p.at,
        }))
        .where("id", "=", (eb) =>
          eb.fn.coalesce(
            oldest(eb, abandoned, p.at, isPostgres(db)),
            oldest(eb, queued, p.at, isPostgres(db)),
          ),
        )
        .where((eb) => due(eb, p.at))
        .returningAll(),
    ),
    anyDue: prepared<{ at: string }, { id: string }>((db, p) =>
      db
        .selectFrom("jobs")
        .select("id")
        .where((eb) => due(eb, p.at))
        .limit(1),
    ),
  };
  claims.set(key, statements);
  return statements;
}

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
      await insertJob(db, row);
      return toJob(row);
    },

    async claim(now, leaseMs, kinds) {
      if (kinds !== undefined && kinds.length === 0) return null;
      const at = toStoredTime(now);
      const leaseUntil = addMilliseconds(at, leaseMs);
      const statements = claimFor(kinds);
      for (let i = 0; i < CLAIM_TRIES; i++) {
        const [row] = (await statements.take(db, { at, leaseUntil })).rows;
        if (row !== undefined) return toJob(row);
        // Nothing updated: either nothing is due, or another worker won the race for that job.
        const [anyDue] = (await statements.anyDue(db, { at })).rows;
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
      await completeJob(db, { id, at: toStoredTime(now) });
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

    async prune(before) {
      const result = await db
        .deleteFrom("jobs")
        .where((eb) =>
          eb.or([
            eb.and([eb("status", "=", "done"), eb("updated_at", "<", toStoredTime(before.done))]),
            eb.and([eb("status", "=", "failed"), eb("updated_at", "<", toStoredTime(before.failed))]),
          ]),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
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
