import type { RunIssueKind } from "@front-agent/shared";
import { chunks } from "./chunks.ts";
import type { Db } from "./schema.ts";
import { inTransaction } from "./transaction.ts";

export type { RunIssueKind };

/** Why one kintone record was skipped or failed in an import run (SPEC I12). */
export interface RunIssueRow {
  recordId: string;
  kind: RunIssueKind;
  reason: string;
  detail: string | null;
}

const INSERT_ROWS = 100;

/**
 * Records issues in the order given, after the run's earlier ones. A record reported again in the same run
 * (a resumed run meets it twice) replaces its issue and keeps its place.
 */
export function addIssues(db: Db, runId: string, issues: readonly RunIssueRow[]): Promise<void> {
  if (issues.length === 0) return Promise.resolve();
  // PostgreSQL refuses an upsert that touches one row twice in a statement: keep each record's last issue.
  const unique = [...new Map(issues.map((issue) => [issue.recordId, issue])).values()];
  return inTransaction(db, async (trx) => {
    const { last } = await trx
      .selectFrom("import_run_issues")
      .select((eb) => eb.fn.coalesce(eb.fn.max("seq"), eb.lit(0)).as("last"))
      .where("run_id", "=", runId)
      .executeTakeFirstOrThrow();
    let seq = Number(last);
    for (const part of chunks(unique, INSERT_ROWS)) {
      await trx
        .insertInto("import_run_issues")
        .values(
          part.map((issue) => ({
            run_id: runId,
            record_id: issue.recordId,
            seq: ++seq,
            kind: issue.kind,
            reason: issue.reason,
            detail: issue.detail,
          })),
        )
        .onConflict((oc) =>
          oc.columns(["run_id", "record_id"]).doUpdateSet((eb) => ({
            kind: eb.ref("excluded.kind"),
            reason: eb.ref("excluded.reason"),
            detail: eb.ref("excluded.detail"),
          })),
        )
        .execute();
    }
  });
}

export async function listIssues(
  db: Db,
  tenantId: string,
  runId: string,
  limit: number,
): Promise<RunIssueRow[]> {
  const rows = await db
    .selectFrom("import_run_issues as i")
    .innerJoin("import_runs as r", "r.id", "i.run_id")
    .select(["i.record_id", "i.kind", "i.reason", "i.detail"])
    .where("r.tenant_id", "=", tenantId)
    .where("i.run_id", "=", runId)
    .orderBy("i.seq")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    recordId: r.record_id,
    kind: r.kind,
    reason: r.reason,
    detail: r.detail,
  }));
}
