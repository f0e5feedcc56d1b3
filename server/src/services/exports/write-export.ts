import {
  type AssistEvent,
  activityRecord,
  assistEventSchema,
  type KintoneRecordBody,
} from "@front-agent/shared";
import { KintoneFailure } from "../../kintone/failure.ts";
import type { FieldProperties, KintoneGateway } from "../../kintone/gateway.ts";
import { backoffDelay, DEFAULT_BACKOFF } from "../../kintone/retry.ts";
import type { ExportChange, ExportRow, ExportStatus, Storage } from "../../storage/index.ts";
import type { TtlCache } from "../../ttl-cache.ts";
import { RetryLater } from "../jobs/retry-later.ts";
import { budgetDeferral, deferredUntil, type RequestBudget } from "../request-budget.ts";
import type { ResolvedSettings } from "../settings.ts";
import { findEarlierWrite } from "./earlier-write.ts";
import { type ExportCustomer, type ResolveDeps, resolveCustomer } from "./resolve-customer.ts";

export interface ExportDeps {
  storage: Storage;
  connect(tenantId: string): Promise<Kintone>;
  now(): Date;
  /** A job was queued (the candidate index's build, when a match needs it). */
  onQueued(): void;
  /** The activity app's form, read once a minute rather than once per export (kintone's daily budget). */
  forms?: TtlCache<FieldProperties>;
  /** Waits for the next day once the backend has used its share of an app's daily requests. */
  budget?: Pick<RequestBudget, "deferIfSpent">;
  locks: ResolveDeps["locks"];
}

/** How many times a busy or unreachable kintone is tried before the export waits as failed (then 再送). */
const MAX_ATTEMPTS = 8;
/** How long an export waits for the candidate index's first build before it looks again. */
const INDEX_WAIT_MS = 2_000;

type Kintone = { settings: ResolvedSettings; gateway: KintoneGateway };
type Linked = Extract<ExportCustomer, { kind: "linked" }>;

/** One attempt at a queued export, and what it has recorded so far. */
interface Attempt {
  tenantId: string;
  row: ExportRow;
  event: AssistEvent;
  /** Counted already, before an add whose answer could be lost: what the attempt settles counts it no more. */
  counted: boolean;
  /** The cache key of the activity app's form when it came from the cache (up to a minute old). */
  cachedForm: string | null;
}

/** The activity record to add, or why none may be added yet. */
export type Activity =
  | {
      kind: "record";
      record: KintoneRecordBody;
      /** kintone keeps the event id unique, so it refuses a second add of the same event. */
      uniqueEventId: boolean;
      /** The meeting's user is mapped to no kintone user; the app has an owner field it leaves empty. */
      ownerUnmapped: boolean;
    }
  /** The owner field is required and the meeting's user is mapped to no kintone user. */
  | { kind: "owner_required" };

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
  const attempt = await takeUp(deps.storage, tenantId, exportId);
  if (!attempt) return null;
  try {
    const kintone = await deps.connect(tenantId);
    await waitForBudget(deps, attempt, kintone.settings);
    const customer = await resolveCustomer(
      { ...deps, ...kintone },
      tenantId,
      attempt.event,
      attempt.row.customerId,
    );
    if (customer.kind !== "linked") return await settleUnwritten(deps, attempt, customer);
    const form = await activityForm(deps, attempt, kintone);
    const activity = buildActivity(kintone.settings, attempt.event, customer, form);
    if (activity.kind === "owner_required") return await settleOwnerRequired(deps, attempt, customer);
    if (!activity.uniqueEventId) await countAttempt(deps, attempt);
    const recordId =
      (await earlierWrite(deps, attempt, kintone, activity.record)) ??
      (await addActivity(deps, attempt, kintone, activity));
    return await settleWritten(deps, attempt, customer, recordId, activity);
  } catch (error) {
    return await settleFailure(deps, attempt, error);
  }
}

/** The export when it is still queued (another worker, or 再送's cancel, may have settled it). */
async function takeUp(storage: Storage, tenantId: string, exportId: string): Promise<Attempt | null> {
  const row = await storage.exports.get(tenantId, exportId);
  if (row?.status !== "queued") return null;
  return { tenantId, row, event: assistEventSchema.parse(row.event), counted: false, cachedForm: null };
}

function settle(deps: ExportDeps, attempt: Attempt, change: Omit<ExportChange, "at">): Promise<void> {
  const at = deps.now().toISOString();
  return deps.storage.exports.update(attempt.tenantId, attempt.row.id, { ...change, at });
}

/** Once the backend has used its share of either app's daily requests, the export waits for the next day. */
async function waitForBudget(deps: ExportDeps, attempt: Attempt, settings: ResolvedSettings): Promise<void> {
  try {
    await deps.budget?.deferIfSpent(attempt.tenantId, [
      settings.activityApp.appId,
      settings.customerApp.appId,
    ]);
  } catch (error) {
    // Still queued, but saying why and until when (issue 12 #13): a bare `queued` looks stuck.
    if (error instanceof RetryLater)
      await settle(deps, attempt, { status: "queued", reason: budgetDeferral(error.at) });
    throw error;
  }
  // Taken up again: the deferral is over, and an intermediate `queued` must not keep claiming it.
  if (deferredUntil(attempt.row)) await settle(deps, attempt, { status: "queued", reason: null });
}

/** 要確認 or skipped, written nowhere; or, while the candidate index is first built, later. */
async function settleUnwritten(
  deps: ExportDeps,
  attempt: Attempt,
  customer: Exclude<ExportCustomer, Linked>,
): Promise<ExportStatus> {
  switch (customer.kind) {
    case "index_building":
      throw new RetryLater(new Date(deps.now().getTime() + INDEX_WAIT_MS), "the candidate index is building");
    case "review":
      await settle(deps, attempt, {
        status: "needs_review",
        customerId: customer.customer.id,
        reason: customer.reason,
        attempted: false,
      });
      return "needs_review";
    case "unmatched":
      await settle(deps, attempt, {
        status: "skipped",
        customerId: customer.customer?.id ?? null,
        reason: { code: "EXPORT_NO_CUSTOMER_MATCH", params: {} },
        attempted: false,
      });
      return "skipped";
  }
}

/** The activity app's form, from the minute-long cache when there is one. */
function activityForm(deps: ExportDeps, attempt: Attempt, kintone: Kintone): Promise<FieldProperties> {
  const appId = kintone.settings.activityApp.appId;
  if (!deps.forms) return kintone.gateway.formFields(appId);
  const key = `${attempt.tenantId}:${appId}`;
  attempt.cachedForm = key;
  return deps.forms.get(key, () => {
    attempt.cachedForm = null;
    return kintone.gateway.formFields(appId);
  });
}

const ownerCodeOf = (settings: ResolvedSettings, event: AssistEvent) =>
  settings.userMappings.find((m) => m.frontAgentUserId === event.user.id)?.kintoneUserCode ?? null;

/** The activity record for the event on the customer's record, as the activity app's form takes it. */
export function buildActivity(
  settings: ResolvedSettings,
  event: AssistEvent,
  customer: { recordNumber: string; customer: { name: string; company: string } },
  form: FieldProperties,
): Activity {
  const activity = settings.activityApp;
  const ownerCode = ownerCodeOf(settings, event);
  const ownerRequired = activity.fields.owner ? form[activity.fields.owner]?.required === true : false;
  if (ownerCode === null && ownerRequired) return { kind: "owner_required" };
  const record = activityRecord({
    fields: activity.fields,
    lookup: activity.customerLink,
    event,
    customer: {
      recordNumber: customer.recordNumber,
      name: customer.customer.name,
      company: customer.customer.company,
    },
    ownerCode,
  });
  // SPEC E4: 作成者 is the person who held the meeting, not "Administrator". kintone documents CREATOR as
  // settable when a record is added (POST), which is the only way this backend writes.
  const creatorCode = Object.values(form).find((f) => f.type === "CREATOR")?.code;
  if (creatorCode && ownerCode) record[creatorCode] = { value: { code: ownerCode } };
  const eventIdField = activity.fields.eventId;
  return {
    kind: "record",
    record,
    uniqueEventId: eventIdField !== null && form[eventIdField]?.unique === true,
    ownerUnmapped: ownerCode === null && Boolean(activity.fields.owner),
  };
}

/** SPEC E4: nothing is lost; the export waits until the user is mapped, then it is sent again. */
async function settleOwnerRequired(
  deps: ExportDeps,
  attempt: Attempt,
  customer: Linked,
): Promise<ExportStatus> {
  await settle(deps, attempt, {
    status: "failed",
    customerId: customer.customer.id,
    reason: { code: "EXPORT_USER_NOT_MAPPED", params: { user: attempt.event.user.name } },
  });
  return "failed";
}

/**
 * Where kintone does not keep the event id unique, the attempt is recorded before writing, so that after a
 * lost answer the next attempt looks for what it added first.
 */
async function countAttempt(deps: ExportDeps, attempt: Attempt): Promise<void> {
  await settle(deps, attempt, { status: "queued", attempted: true });
  attempt.counted = true;
}

/** A retried export may have been added by an earlier attempt whose answer was lost. */
async function earlierWrite(
  deps: ExportDeps,
  attempt: Attempt,
  kintone: Kintone,
  record: KintoneRecordBody,
): Promise<string | null> {
  return attempt.row.attempts > 0 ? lookForEarlierWrite(deps, attempt, kintone, record) : null;
}

function lookForEarlierWrite(
  deps: ExportDeps,
  attempt: Attempt,
  kintone: Kintone,
  record: KintoneRecordBody,
): Promise<string | null> {
  const { storage } = deps;
  const { gateway, settings } = kintone;
  const { tenantId, row, event } = attempt;
  return findEarlierWrite({ storage, gateway }, tenantId, row.id, settings.activityApp, event, record);
}

/**
 * Adds the activity record. Where kintone keeps the event id unique it refuses a second add, and the
 * refusal leads to the record the first one made.
 */
async function addActivity(
  deps: ExportDeps,
  attempt: Attempt,
  kintone: Kintone,
  activity: Extract<Activity, { kind: "record" }>,
): Promise<string> {
  const { activityApp, customerApp } = kintone.settings;
  const withTokens = activityApp.customerLink ? [customerApp.appId] : [];
  try {
    return (await kintone.gateway.addRecord(activityApp.appId, activity.record, withTokens)).id;
  } catch (error) {
    const eventIdField = `record.${activityApp.fields.eventId}.value`;
    const duplicate =
      activity.uniqueEventId &&
      error instanceof KintoneFailure &&
      error.kind === "validation" &&
      Object.keys(error.errors ?? {}).includes(eventIdField);
    if (!duplicate) throw error;
    const earlier = await lookForEarlierWrite(deps, attempt, kintone, activity.record);
    if (earlier === null) throw error;
    return earlier;
  }
}

async function settleWritten(
  deps: ExportDeps,
  attempt: Attempt,
  customer: Linked,
  kintoneRecordId: string,
  activity: Extract<Activity, { kind: "record" }>,
): Promise<ExportStatus> {
  await settle(deps, attempt, {
    status: "written",
    customerId: customer.customer.id,
    kintoneRecordId,
    reason: activity.ownerUnmapped
      ? { code: "EXPORT_USER_NOT_MAPPED_WARNING", params: { user: attempt.event.user.name } }
      : null,
    attempted: !attempt.counted,
  });
  return "written";
}

/**
 * A kintone failure: tried again later while kintone is busy or unreachable, or at once with the form
 * read anew when a cached form may be what kintone refused; otherwise failed, saying why (再送 sends it
 * again). A deferral goes on to the job worker, and anything else is a bug the worker records.
 */
async function settleFailure(deps: ExportDeps, attempt: Attempt, error: unknown): Promise<ExportStatus> {
  if (!(error instanceof KintoneFailure)) throw error;
  const attempted = !attempt.counted;
  if (error.kind === "validation" && attempt.cachedForm !== null && deps.forms) {
    deps.forms.delete(attempt.cachedForm);
    // The administrator may have changed the form (a field made required): try again with it read anew.
    await settle(deps, attempt, { status: "queued", attempted });
    throw new RetryLater(deps.now(), "the activity app's form changed");
  }
  const attempts = attempt.row.attempts + 1;
  if (error.retryable && attempts < MAX_ATTEMPTS) {
    await settle(deps, attempt, { status: "queued", attempted });
    throw new RetryLater(
      new Date(deps.now().getTime() + 1000 + backoffDelay(DEFAULT_BACKOFF, attempts)),
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
  await settle(deps, attempt, {
    status: "failed",
    reason: { code, params: { kintoneCode: error.kintoneCode ?? String(error.status ?? ""), detail } },
    attempted,
  });
  return "failed";
}
