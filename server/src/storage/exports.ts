import type { Selectable } from "kysely";
import type { Db, ExportsTable } from "./schema.ts";
import { toStoredTime } from "./timestamp.ts";

export type ExportStatus = "queued" | "written" | "skipped" | "needs_review" | "failed";

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
  counts(tenantId: string): Promise<Record<ExportStatus, number>>;
  /** Exports waiting for this customer to be linked (needs_review). */
  waitingFor(tenantId: string, customerId: string): Promise<ExportRow[]>;
  /** Exports in a status for a reason, e.g. failed for an unmapped user (queued again once it is mapped). */
  withReason(tenantId: string, status: ExportStatus, reason: string): Promise<ExportRow[]>;
}

export function createExportRepository(db: Db): ExportRepository {
  const byId = async (tenantId: string, id: string) => {
    const row = await db
      .selectFrom("exports")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? toExport(row) : null;
  };
  return {
    async createOrGet(row) {
      const createdAt = toStoredTime(row.createdAt);
      // RETURNING answers the common case (a new event) in one statement; a duplicate returns nothing.
      const inserted = await db
        .insertInto("exports")
        .values({
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
        .onConflict((oc) => oc.columns(["tenant_id", "event_id"]).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (inserted) return { export: toExport(inserted), created: true };
      const stored = await db
        .selectFrom("exports")
        .selectAll()
        .where("tenant_id", "=", row.tenantId)
        .where("event_id", "=", row.eventId)
        .executeTakeFirstOrThrow();
      return { export: toExport(stored), created: false };
    },
    get: byId,
    async update(tenantId, id, change) {
      await db
        .updateTable("exports")
        .set((eb) => ({
          status: change.status,
          ...(change.customerId !== undefined ? { customer_id: change.customerId } : {}),
          ...(change.kintoneRecordId !== undefined ? { kintone_record_id: change.kintoneRecordId } : {}),
          ...(change.reason !== undefined
            ? {
                reason: change.reason?.code ?? null,
                reason_params: change.reason ? JSON.stringify(change.reason.params) : null,
              }
            : {}),
          ...(change.attempted ? { attempts: eb("attempts", "+", 1) } : {}),
          updated_at: toStoredTime(change.at),
        }))
        .where("tenant_id", "=", tenantId)
        .where("id", "=", id)
        .execute();
    },
    async counts(tenantId) {
      const rows = await db
        .selectFrom("exports")
        .select(["status", (eb) => eb.fn.countAll().as("n")])
        .where("tenant_id", "=", tenantId)
        .groupBy("status")
        .execute();
      const counts: Record<ExportStatus, number> = {
        queued: 0,
        written: 0,
        skipped: 0,
        needs_review: 0,
        failed: 0,
      };
      for (const row of rows) if (row.status in counts) counts[row.status as ExportStatus] = Number(row.n);
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
