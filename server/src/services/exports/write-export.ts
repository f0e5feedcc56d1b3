import {
  type AssistEvent,
  activityRecord,
  assistEventSchema,
  type KintoneRecordBody,
} from "@front-agent/shared";
import { KintoneFailure } from "../../kintone/failure.ts";
import type { FieldProperties, KintoneGateway } from "../../kintone/gateway.ts";
import { backoffDelay, DEFAULT_BACKOFF } from "../../kintone/retry.ts";
import type { CustomerRow, ExportChange, ExportRow, ExportStatus, Storage } from "../../storage/index.ts";
import type { TtlCache } from "../../ttl-cache.ts";
import type { CandidateDeps } from "../customer-candidates.ts";
import { RetryLater } from "../jobs/retry-later.ts";
import { budgetDeferral, deferredUntil, type RequestBudget } from "../request-budget.ts";
import type { ResolvedSettings } from "../settings.ts";
import { findEarlierWrite } from "./earlier-write.ts";
import { registerCustomer } from "./register-customer.ts";
import { linkedCustomer, resolveCustomer } from "./resolve-customer.ts";

export interface ExportDeps {
  storage: Storage;
  connect(tenantId: string): Promise<{ settings: ResolvedSettings; gateway: KintoneGateway }>;
  now(): Date;
  /** A job was queued (the candidate index's build, when a match needs it). */
  onQueued(): void;
  /** The activity app's form, read once a minute rather than once per export (kintone's daily budget). */
  forms?: TtlCache<FieldProperties>;
  /** Waits for the next day once the backend has used its share of an app's daily requests. */
  budget?: Pick<RequestBudget, "deferIfSpent">;
  /** A lock held across every process on the database (services/cluster/lease-lock.ts). */
  locks: { run<T>(name: string, task: () => Promise<T>): Promise<T> };
}

/** How many times a busy or unreachable kintone is tried before the export waits as failed (then 再送). */
const MAX_ATTEMPTS = 8;
/** How long an export waits for the candidate index's first build before it looks again. */
const INDEX_WAIT_MS = 2_000;

type Reason = NonNullable<ExportRow["reason"]>;
type Target = { customer: CustomerRow | null; recordNumber: string };
type Settle = (change: Omit<ExportChange, "at">) => Promise<void>;

/**
 * Writes one export to the activity app (SPEC E2–E5): find the customer (or register it), then add the
 * activity record. Every write is an add (POST): the backend never updates a kintone record, and 作成者 is
 * set the way kintone documents it. Exactly once: a retry first looks for the record an earlier attempt
 * added (earlier-write.ts), and a unique event-id field makes kintone refuse a second one.
 */
export async function writeExport(
  deps: ExportDeps,
  tenantId: string,
  exportId: string,
): Promise<ExportStatus | null> {
  const { storage } = deps;
  const row = await storage.exports.get(tenantId, exportId);
  if (row?.status !== "queued") return null;
  const event: AssistEvent = assistEventSchema.parse(row.event);
  const settle: Settle = (change) =>
    storage.exports.update(tenantId, exportId, { ...change, at: deps.now().toISOString() });
  const attempt = { counted: false };
  const form = { cached: false };
  let formKey: string | null = null;
  try {
    const { settings, gateway } = await deps.connect(tenantId);
    try {
      await deps.budget?.deferIfSpent(tenantId, [settings.activityApp.appId, settings.customerApp.appId]);
    } catch (error) {
      // Still queued, but saying why and until when (issue 12 #13): a bare `queued` looks stuck.
      if (error instanceof RetryLater) await settle({ status: "queued", reason: budgetDeferral(error.at) });
      throw error;
    }
    // Taken up again: the deferral is over, and an intermediate `queued` must not keep claiming it.
    if (deferredUntil(row)) await settle({ status: "queued", reason: null });
    const candidateDeps: CandidateDeps = {
      storage,
      gateway,
      settings,
      now: deps.now,
      onQueued: deps.onQueued,
    };
    const found = await findTarget(candidateDeps, deps.locks, tenantId, event, row);
    if ("status" in found) {
      await settle({ ...found, attempted: false });
      return found.status;
    }
    formKey = `${tenantId}:${settings.activityApp.appId}`;
    return await writeActivity(
      deps,
      { storage, tenantId, row, event, settings, gateway, settle, attempt, form },
      found,
    );
  } catch (error) {
    if (error instanceof RetryLater) throw error;
    if (!(error instanceof KintoneFailure)) throw error;
    if (error.kind === "validation" && form.cached && formKey && deps.forms) {
      deps.forms.delete(formKey);
      // The administrator may have changed the form (a field made required): try again with it read anew.
      await settle({ status: "queued", attempted: !attempt.counted });
      throw new RetryLater(deps.now(), "the activity app's form changed");
    }
    if (error.retryable && row.attempts + 1 < MAX_ATTEMPTS) {
      await settle({ status: "queued", attempted: !attempt.counted });
      throw new RetryLater(
        new Date(deps.now().getTime() + 1000 + backoffDelay(DEFAULT_BACKOFF, row.attempts + 1)),
        error.message,
      );
    }
    const code =
      error.kind === "lookup"
        ? "EXPORT_LOOKUP_TARGET_MISSING"
        : error.kind === "redirect"
          ? "KINTONE_REDIRECT"
          : "EXPORT_KINTONE_REJECTED";
    const detail = error.errors ? Object.keys(error.errors).join(", ") : error.kind;
    await settle({
      status: "failed",
      reason: { code, params: { kintoneCode: error.kintoneCode ?? String(error.status ?? ""), detail } },
      attempted: !attempt.counted,
    });
    return "failed";
  }
}

type Outcome = { status: ExportStatus; customerId: string | null; reason: Reason };

/**
 * The customer record the minutes go to (SPEC E3), or the outcome that writes nothing: 要確認, skipped.
 * A customer already linked in the current app needs no lock. Matching and registering run one export
 * of the tenant at a time across every process: two exports naming the same new customer, taken by two
 * workers, must not both register it.
 */
async function findTarget(
  deps: CandidateDeps,
  locks: ExportDeps["locks"],
  tenantId: string,
  event: AssistEvent,
  row: ExportRow,
): Promise<Target | Outcome> {
  const linked = await linkedCustomer(deps, tenantId, event, row.customerId);
  if (linked) return { customer: linked.customer, recordNumber: linked.recordNumber };
  return locks.run(`customer-match:${tenantId}`, async () => {
    for (let look = 1; ; look++) {
      const resolution = await resolveCustomer(deps, tenantId, event, row.customerId);
      switch (resolution.kind) {
        case "linked":
          return { customer: resolution.customer, recordNumber: resolution.recordNumber };
        case "review":
          return { status: "needs_review", customerId: resolution.customer.id, reason: resolution.reason };
        case "index_building":
          throw new RetryLater(
            new Date(deps.now().getTime() + INDEX_WAIT_MS),
            "the candidate index is building",
          );
      }
      if (!deps.settings.options.autoRegister) {
        return {
          status: "skipped",
          customerId: resolution.customer?.id ?? null,
          reason: { code: "EXPORT_NO_CUSTOMER_MATCH", params: {} },
        };
      }
      const registered = await registerCustomer(deps, tenantId, resolution.wanted, resolution.customer);
      if (registered.kind === "registered")
        return { customer: registered.customer, recordNumber: registered.recordNumber };
      // Someone added the name since the ladder looked: look once more; never overwrite, never guess.
      if (look > 1) throw registered.failure;
    }
  });
}

interface WriteContext {
  storage: Storage;
  tenantId: string;
  row: ExportRow;
  event: AssistEvent;
  settings: ResolvedSettings;
  gateway: KintoneGateway;
  settle: Settle;
  attempt: { counted: boolean };
  /** Whether the form came from the cache (up to a minute old): a refusal is then worth a fresh read. */
  form: { cached: boolean };
}

async function writeActivity(deps: ExportDeps, w: WriteContext, target: Target): Promise<ExportStatus> {
  const { settings, event, settle } = w;
  const activity = settings.activityApp;
  const customerId = target.customer?.id ?? null;
  const ownerCode =
    settings.userMappings.find((m) => m.frontAgentUserId === event.user.id)?.kintoneUserCode ?? null;
  const form = await activityForm(deps, w);
  const ownerRequired = activity.fields.owner ? form[activity.fields.owner]?.required === true : false;
  if (ownerCode === null && ownerRequired) {
    // SPEC E4: nothing is lost; the export waits until the user is mapped, then it is sent again.
    await settle({
      status: "failed",
      customerId,
      reason: { code: "EXPORT_USER_NOT_MAPPED", params: { user: event.user.name } },
    });
    return "failed";
  }
  const record = activityRecord({
    fields: activity.fields,
    customerLink: activity.customerLink,
    event,
    customer: {
      recordNumber: target.recordNumber,
      name: target.customer?.name ?? event.customer.name,
      company: target.customer?.company ?? event.customer.company,
    },
    ownerCode,
  });
  // SPEC E4: 作成者 is the person who held the meeting, not "Administrator". kintone documents CREATOR as
  // settable when a record is added (POST), which is the only way this backend writes.
  const creatorCode = Object.values(form).find((f) => f.type === "CREATOR")?.code;
  if (creatorCode && ownerCode) record[creatorCode] = { value: { code: ownerCode } };

  const kintoneRecordId = await addOnce(w, form, record);
  await settle({
    status: "written",
    customerId,
    kintoneRecordId,
    reason:
      ownerCode === null && activity.fields.owner
        ? { code: "EXPORT_USER_NOT_MAPPED_WARNING", params: { user: event.user.name } }
        : null,
    attempted: !w.attempt.counted,
  });
  return "written";
}

/** The activity app's form, from the minute-long cache when there is one. */
function activityForm(deps: ExportDeps, w: WriteContext): Promise<FieldProperties> {
  const appId = w.settings.activityApp.appId;
  if (!deps.forms) return w.gateway.formFields(appId);
  w.form.cached = true;
  return deps.forms.get(`${w.tenantId}:${appId}`, () => {
    w.form.cached = false;
    return w.gateway.formFields(appId);
  });
}

/**
 * Adds the activity record once. Where kintone keeps the event id unique it refuses a second add, and the
 * refusal leads to the record the first one made. Otherwise the attempt is recorded before writing, so
 * that after a lost answer the next attempt looks for what it added first.
 */
async function addOnce(w: WriteContext, form: FieldProperties, record: KintoneRecordBody): Promise<string> {
  const { settings, gateway, row, event } = w;
  const activity = settings.activityApp;
  const eventIdField = activity.fields.eventId;
  const uniqueEventId = eventIdField !== null && form[eventIdField]?.unique === true;
  const lookDeps = { storage: w.storage, gateway };
  if (!uniqueEventId) {
    await w.settle({ status: "queued", attempted: true });
    w.attempt.counted = true;
  }
  if (row.attempts > 0) {
    const earlier = await findEarlierWrite(lookDeps, w.tenantId, row.id, activity, event, record);
    if (earlier !== null) return earlier;
  }
  const withTokens = activity.customerLink ? [settings.customerApp.appId] : [];
  try {
    return (await gateway.addRecord(activity.appId, record, withTokens)).id;
  } catch (error) {
    const duplicate =
      uniqueEventId &&
      error instanceof KintoneFailure &&
      error.kind === "validation" &&
      Object.keys(error.errors ?? {}).includes(`record.${eventIdField}.value`);
    if (!duplicate) throw error;
    const earlier = await findEarlierWrite(lookDeps, w.tenantId, row.id, activity, event, record);
    if (earlier === null) throw error;
    return earlier;
  }
}
