import type { ExportStatus } from "@front-agent/shared";
import { type RawBuilder, type Selectable, sql } from "kysely";
import { InvalidCursorError } from "./cursor.ts";
import { isPostgres, prepared } from "./prepared.ts";
import type { Db, ExportsTable } from "./schema.ts";
import { toStoredTime } from "./timestamp.ts";

export type { ExportStatus };

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

/**
 * An export as the administrator's list shows it: the row without the stored event, plus the few parts of
 * the event the list names (read by the database, so a page never carries the minutes themselves).
 */
export interface ExportSummary extends Omit<ExportRow, "event" | "tenantId" | "attempts"> {
  meeting: { title: string; startedAt: string };
  user: { id: string; name: string };
  /** The customer as the event named it. */
  eventCustomer: { id: string | null; name: string; company: string };
  /** The FA customer of `customerId`, when it is stored. */
  customer: { name: string; company: string } | null;
}

export interface ExportListQuery {
  status?: ExportStatus;
  limit: number;
  /** `nextCursor` of the previous page; throws InvalidCursorError when it is not one. */
  cursor?: string;
}

export interface ExportPage {
  exports: ExportSummary[];
  nextCursor: string | null;
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
  /** Newest first (created_at, then id, both descending), all or those of one status. */
  list(tenantId: string, query: ExportListQuery): Promise<ExportPage>;
  /** One export as the list shows it. */
  summary(tenantId: string, id: string): Promise<ExportSummary | null>;
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
  status: ExportStatus;
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
        if (row.status in counts) counts[row.status] = Number(row.n);
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
    async list(tenantId, { status, limit, cursor }) {
      if (!Number.isInteger(limit) || limit < 1)
        throw new RangeError(`limit must be a positive integer: ${limit}`);
      const before = cursor === undefined ? null : decodeListCursor(cursor);
      const rows = await selectSummaries(db, tenantId)
        .$if(status !== undefined, (qb) => qb.where("e.status", "=", status as ExportStatus))
        .$if(before !== null, (qb) =>
          qb.where((eb) =>
            eb(eb.refTuple("e.created_at", "e.id"), "<", eb.tuple(before?.createdAt ?? "", before?.id ?? "")),
          ),
        )
        .orderBy("e.created_at", "desc")
        .orderBy("e.id", "desc")
        .limit(limit + 1)
        .execute();
      const page = rows.slice(0, limit).map(toSummary);
      const last = page.at(-1);
      return {
        exports: page,
        nextCursor: rows.length > limit && last ? encodeListCursor(last) : null,
      };
    },
    async summary(tenantId, id) {
      const row = await selectSummaries(db, tenantId).where("e.id", "=", id).executeTakeFirst();
      return row ? toSummary(row) : null;
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

/** A text value inside the stored event's JSON, read by the database (null when absent or JSON null). */
function eventText(db: Db, ...path: string[]): RawBuilder<string | null> {
  // The path is this file's constants, never input: written into the SQL as literals.
  return isPostgres(db)
    ? sql<string | null>`(e.event::json #>> ${sql.lit(`{${path.join(",")}}`)})`
    : sql<string | null>`json_extract(e.event, ${sql.lit(`$.${path.join(".")}`)})`;
}

function selectSummaries(db: Db, tenantId: string) {
  return db
    .selectFrom("exports as e")
    .leftJoin("customers as c", (join) =>
      join.onRef("c.tenant_id", "=", "e.tenant_id").onRef("c.id", "=", "e.customer_id"),
    )
    .select([
      "e.id",
      "e.event_id",
      "e.status",
      "e.customer_id",
      "e.kintone_record_id",
      "e.reason",
      "e.reason_params",
      "e.created_at",
      "e.updated_at",
      "c.name as customer_name",
      "c.company as customer_company",
      eventText(db, "meeting", "title").as("meeting_title"),
      eventText(db, "meeting", "startedAt").as("meeting_started_at"),
      eventText(db, "user", "id").as("user_id"),
      eventText(db, "user", "name").as("user_name"),
      eventText(db, "customer", "id").as("event_customer_id"),
      eventText(db, "customer", "name").as("event_customer_name"),
      eventText(db, "customer", "company").as("event_customer_company"),
    ])
    .where("e.tenant_id", "=", tenantId);
}

type SummaryColumns = Awaited<ReturnType<ReturnType<typeof selectSummaries>["executeTakeFirstOrThrow"]>>;

function toSummary(row: SummaryColumns): ExportSummary {
  return {
    id: row.id,
    eventId: row.event_id,
    status: row.status,
    customerId: row.customer_id,
    kintoneRecordId: row.kintone_record_id,
    reason: toReason(row),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    meeting: { title: row.meeting_title ?? "", startedAt: row.meeting_started_at ?? "" },
    user: { id: row.user_id ?? "", name: row.user_name ?? "" },
    eventCustomer: {
      id: row.event_customer_id,
      name: row.event_customer_name ?? "",
      company: row.event_customer_company ?? "",
    },
    customer:
      row.customer_name === null || row.customer_company === null
        ? null
        : { name: row.customer_name, company: row.customer_company },
  };
}

/**
 * The list's keyset cursor: the (created_at, id) of a page's last export, opaque to clients (base64url of
 * a small JSON object) like the customer list's. Another list's cursor is not one.
 */
function encodeListCursor(last: Pick<ExportSummary, "createdAt" | "id">): string {
  return Buffer.from(JSON.stringify({ before: [last.createdAt, last.id] }), "utf8").toString("base64url");
}

function decodeListCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (typeof value === "object" && value !== null && "before" in value && Array.isArray(value.before)) {
      const [createdAt, id] = value.before as unknown[];
      if (typeof createdAt === "string" && typeof id === "string" && value.before.length === 2)
        return { createdAt: toStoredTime(createdAt), id };
    }
  } catch {
    // falls through: not base64url JSON, or not a time
  }
  throw new InvalidCursorError();
}

function toReason(row: { reason: string | null; reason_params: string | null }): ExportRow["reason"] {
  return row.reason
    ? { code: row.reason, params: row.reason_params ? JSON.parse(row.reason_params) : {} }
    : null;
}

function toExport(row: Selectable<ExportsTable>): ExportRow {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    eventId: row.event_id,
    event: JSON.parse(row.event),
    status: row.status,
    customerId: row.customer_id,
    kintoneRecordId: row.kintone_record_id,
    reason: toReason(row),
    attempts: Number(row.attempts),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
