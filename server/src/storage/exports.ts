import type { Selectable } from "kysely";
import { prepared } from "./prepared.ts";
import type { Db, ExportsTable } from "./schema.ts";
import { toStoredTime } from "./timestamp.ts";

export type ExportStatus = "queued" | "written" | "skipped" | "needs_review" | "failed";

/** The reason of a queued export that waits for the next day's kintone request budget (request-budget.ts). */
export const BUDGET_DEFERRED_REASON = "EXPORT_DEFERRED_DAILY_LIMIT";

/** Exports per status, and of the queued ones how many wait for the next day's budget. */
export type ExportCounts = Record<ExportStatus, number> & { deferred: number };

/** One assist event on its way to the activity app (SPEC E1–E5). */
export interface ExportRow {
  id: string;
  tenantId: string;
  eventId: string;
  /** The assist event as received. */
  event: unknown;
  status: ExportStatus;
  customerId: string | null;
  kintoneRecordId: string | null;
  reason: { code: string; params: Record<string, string | number> } | null;
  attempts: number;
  createdAt: string;
  updatedAt: string;
}

export interface ExportChange {
  status: ExportStatus;
  customerId?: string | null;
  kintoneRecordId?: string | null;
  reason?: { code: string; params: Record<string, string | number> } | null;
  /** Counts one more write attempt. */
  attempted?: boolean;
  at: string;
}

export interface ExportRepository {
  /**
   * Stores a new export for the event, or returns the one already stored for the same eventId
   * (`created: false`): the database's unique (tenant, event) key decides, so two concurrent deliveries
   * of one event cannot both create an export.
   */
  createOrGet(
    row: Pick<ExportRow, "id" | "tenantId" | "eventId" | "event" | "createdAt">,
  ): Promise<{ export: ExportRow; created: boolean }>;
  get(tenantId: string, id: string): Promise<ExportRow | null>;
  update(tenantId: string, id: string, change: ExportChange): Promise<void>;
  counts(tenantId: string): Promise<ExportCounts>;
  /** Exports waiting for this customer to be linked (needs_review). */
  waitingFor(tenantId: string, customerId: string): Promise<ExportRow[]>;
  /** Exports in a status for a reason, e.g. failed for an unmapped user (queued again once it is mapped). */
  withReason(tenantId: string, status: ExportStatus, reason: string): Promise<ExportRow[]>;
  /** Of these activity records, the ones another export than `exceptId` was written to. */
  heldByOthers(tenantId: string, kintoneRecordIds: readonly string[], exceptId: string): Promise<Set<string>>;
}

// The statements every assist event runs, built once (see prepared.ts).
type ExportColumns = Selectable<ExportsTable>;
type NewExportColumns = Omit<ExportColumns, "attempts">;
const insertExport = prepared<NewExportColumns, ExportColumns>((db, p) =>
  db
    .insertInto("exports")
    .values({
      id: p.id,
      tenant_id: p.tenant_id,
      event_id: p.event_id,
      event: p.event,
      status: p.status,
      customer_id: p.customer_id,
      kintone_record_id: p.kintone_record_id,
      reason: p.reason,
      reason_params: p.reason_params,
      created_at: p.created_at,
      updated_at: p.updated_at,
    })
    // RETURNING answers the common case (a new event) in one statement; a duplicate returns nothing.
    .onConflict((oc) => oc.columns(["tenant_id", "event_id"]).doNothing())
    .returningAll(),
);
const selectExport = prepared<{ tenantId: string; id: string }, ExportColumns>((db, p) =>
  db.selectFrom("exports").selectAll().where("tenant_id", "=", p.tenantId).where("id", "=", p.id),
);
const selectExportByEvent = prepared<{ tenantId: string; eventId: string }, ExportColumns>((db, p) =>
  db.selectFrom("exports").selectAll().where("tenant_id", "=", p.tenantId).where("event_id", "=", p.eventId),
);

type UpdateValues = {
  tenantId: string;
  id: string;
  status: string;
  customerId: string | null;
  kintoneRecordId: string | null;
  reason: string | null;
  reasonParams: string | null;
  at: string;
};
/** One prepared update per combination of the columns a change sets (at most 16). */
const updates = new Map<string, (db: Db, values: UpdateValues) => Promise<unknown>>();
function updateFor(change: ExportChange) {
  const sets = {
    customer: change.customerId !== undefined,
    record: change.kintoneRecordId !== undefined,
    reason: change.reason !== undefined,
    attempted: change.attempted === true,
  };
  const key = JSON.stringify(sets);
  let update = updates.get(key);
  if (!update) {
    update = prepared<UpdateValues, never>((db, p) =>
      db
        .updateTable("exports")
        .set((eb) => ({
          status: p.status,
          ...(sets.customer ? { customer_id: p.customerId } : {}),
          ...(sets.record ? { kintone_record_id: p.kintoneRecordId } : {}),
          ...(sets.reason ? { reason: p.reason, reason_params: p.reasonParams } : {}),
          ...(sets.attempted ? { attempts: eb("attempts", "+", 1) } : {}),
          updated_at: p.at,
        }))
        .where("tenant_id", "=", p.tenantId)
        .where("id", "=", p.id),
    );
    updates.set(key, update);
  }
  return update;
}

export function createExportRepository(db: Db): ExportRepository {
  const byId = async (tenantId: string, id: string) => {
    const [row] = (await selectExport(db, { tenantId, id })).rows;
    return row ? toExport(row) : null;
  };
  return {
    async createOrGet(row) {
      const createdAt = toStoredTime(row.createdAt);
      const [inserted] = (
        await insertExport(db, {
          id: row.id,
          tenant_id: row.tenantId,
          event_id: row.eventId,
          event: JSON.stringify(row.event),
          status: "queued",
          customer_id: null,
          kintone_record_id: null,
          reason: null,
          reason_params: null,
          created_at: createdAt,
          updated_at: createdAt,
        })
      ).rows;
      if (inserted) return { export: toExport(inserted), created: true };
      const [stored] = (await selectExportByEvent(db, { tenantId: row.tenantId, eventId: row.eventId })).rows;
      if (!stored) throw new Error("an export conflicted on its event id but cannot be read");
      return { export: toExport(stored), created: false };
    },
    get: byId,
    async update(tenantId, id, change) {
      await updateFor(change)(db, {
        tenantId,
        id,
        status: change.status,
        customerId: change.customerId ?? null,
        kintoneRecordId: change.kintoneRecordId ?? null,
        reason: change.reason?.code ?? null,
        reasonParams: change.reason ? JSON.stringify(change.reason.params) : null,
        at: toStoredTime(change.at),
      });
    },
    async counts(tenantId) {
      const rows = await db
        .selectFrom("exports")
        .select((eb) => [
          "status",
          eb.fn.countAll().as("n"),
          eb.fn
            .sum<number | null>(eb.case().when("reason", "=", BUDGET_DEFERRED_REASON).then(1).else(0).end())
            .as("deferred"),
        ])
        .where("tenant_id", "=", tenantId)
        .groupBy("status")
        .execute();
      const counts: ExportCounts = {
        queued: 0,
        written: 0,
        skipped: 0,
        needs_review: 0,
        failed: 0,
        deferred: 0,
      };
      for (const row of rows) {
        if (row.status in counts) counts[row.status as ExportStatus] = Number(row.n);
        if (row.status === "queued") counts.deferred = Number(row.deferred ?? 0);
      }
      return counts;
    },
    async withReason(tenantId, status, reason) {
      const rows = await db
        .selectFrom("exports")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .where("status", "=", status)
        .where("reason", "=", reason)
        .execute();
      return rows.map(toExport);
    },
    async heldByOthers(tenantId, kintoneRecordIds, exceptId) {
      if (kintoneRecordIds.length === 0) return new Set();
      const rows = await db
        .selectFrom("exports")
        .select("kintone_record_id")
        .where("tenant_id", "=", tenantId)
        .where("kintone_record_id", "in", [...kintoneRecordIds])
        .where("id", "!=", exceptId)
        .execute();
      return new Set(rows.flatMap((r) => (r.kintone_record_id === null ? [] : [r.kintone_record_id])));
    },
    async waitingFor(tenantId, customerId) {
      const rows = await db
        .selectFrom("exports")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .where("status", "=", "needs_review")
        .where("customer_id", "=", customerId)
        .execute();
      return rows.map(toExport);
    },
  };
}

function toExport(row: Selectable<ExportsTable>): ExportRow {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    eventId: row.event_id,
    event: JSON.parse(row.event),
    status: row.status as ExportStatus,
    customerId: row.customer_id,
    kintoneRecordId: row.kintone_record_id,
    reason: row.reason
      ? { code: row.reason, params: row.reason_params ? JSON.parse(row.reason_params) : {} }
      : null,
    attempts: Number(row.attempts),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
