import type { RunIssueKind } from "@front-agent/shared";
import { CompiledQuery } from "kysely";
import { chunks } from "./chunks.ts";
import { prepared, textByRows } from "./prepared.ts";
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

const ISSUE_COLUMNS = ["run_id", "record_id", "seq", "kind", "reason", "detail"] as const;

/** The run's last issue's place (0 before the first): compiled once, asked for every page with issues. */
const lastSeq = prepared<{ runId: string }, { last: number | string }>((db, p) =>
  db
    .selectFrom("import_run_issues")
    .select((eb) => eb.fn.coalesce(eb.fn.max("seq"), eb.lit(0)).as("last"))
    .where("run_id", "=", p.runId),
);

/**
 * The insert of `rows` issues, compiled once per row count and database kind (an import page with
 * skipped records writes some every page; kysely building it each time cost ~0.1 ms a page, issue 16).
 * Values in ISSUE_COLUMNS' order.
 */
const issueInsertText = textByRows((db, rows) => {
  const row = Object.fromEntries(ISSUE_COLUMNS.map((column) => [column, null]));
  return db
    .insertInto("import_run_issues")
    .values(Array.from({ length: rows }, () => row) as never)
    .onConflict((oc) =>
      oc.columns(["run_id", "record_id"]).doUpdateSet((eb) => ({
        kind: eb.ref("excluded.kind"),
        reason: eb.ref("excluded.reason"),
        detail: eb.ref("excluded.detail"),
      })),
    );
});

/**
 * Records issues in the order given, after the run's earlier ones. A record reported again in the same run
 * (a resumed run meets it twice) replaces its issue and keeps its place.
 */
export function addIssues(db: Db, runId: string, issues: readonly RunIssueRow[]): Promise<void> {
  if (issues.length === 0) return Promise.resolve();
  // PostgreSQL refuses an upsert that touches one row twice in a statement: keep each record's last issue.
  const unique = [...new Map(issues.map((issue) => [issue.recordId, issue])).values()];
  return inTransaction(db, async (trx) => {
    const found = await lastSeq(trx, { runId });
    let seq = Number(found.rows[0]?.last ?? 0);
    for (const part of chunks(unique, INSERT_ROWS)) {
      const parameters: unknown[] = [];
      for (const issue of part)
        parameters.push(runId, issue.recordId, ++seq, issue.kind, issue.reason, issue.detail);
      await trx.executeQuery(CompiledQuery.raw(issueInsertText(trx, part.length), parameters));
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
