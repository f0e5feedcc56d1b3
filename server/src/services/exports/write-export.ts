import { type AssistEvent, activityRecord, assistEventSchema, quote } from "@front-agent/shared";
import { KintoneFailure } from "../../kintone/failure.ts";
import type { FieldProperties, KintoneGateway } from "../../kintone/gateway.ts";
import { backoffDelay, DEFAULT_BACKOFF } from "../../kintone/retry.ts";
import type { ExportChange, ExportStatus, Storage } from "../../storage/index.ts";
import type { TtlCache } from "../../ttl-cache.ts";
import { readRecordNumber } from "../customer-records.ts";
import { RetryLater } from "../jobs/worker.ts";
import { KeyedLock } from "../keyed-lock.ts";
import type { RequestBudget } from "../request-budget.ts";
import type { ResolvedSettings } from "../settings.ts";
import { createFaCustomer, resolveCustomer } from "./resolve-customer.ts";

export interface ExportDeps {
  storage: Storage;
  connect(tenantId: string): Promise<{ settings: ResolvedSettings; gateway: KintoneGateway }>;
  now(): Date;
  /** The activity app's form, read once a minute rather than once per export (kintone's daily budget). */
  forms?: TtlCache<FieldProperties>;
  /** Waits for the next day once the backend has used its share of an app's daily requests. */
  budget?: Pick<RequestBudget, "deferIfSpent">;
}

const customerLock = new KeyedLock();

/** How many times a busy or unreachable kintone is tried before the export waits as failed (then 再送). */
const MAX_ATTEMPTS = 8;

/**
 * Writes one export to the activity app (SPEC E2–E5). Exactly once: with a unique event-id field the
 * write is an upsert keyed on it, so a crash after kintone wrote but before we recorded it cannot make a
 * second record; without one, a retried export first looks for its record by its event id (or its Front
 * Agent link).
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
  const update = (change: Omit<ExportChange, "at">) =>
    storage.exports.update(tenantId, exportId, { ...change, at: deps.now().toISOString() });
  // Whether this run has already counted its attempt (it does so just before writing).
  let counted = false;
  // A form read from the cache may be up to a minute old: if kintone refuses the write, it is read again.
  let formKey: string | null = null;
  let formWasCached = false;
  try {
    const { settings, gateway } = await deps.connect(tenantId);
    await deps.budget?.deferIfSpent(tenantId, [settings.activityApp.appId, settings.customerApp.appId]);
    // Finding (and registering) the customer runs one export of the tenant at a time: two exports naming
    // the same new customer must not both register it.
    const found = await customerLock.run(tenantId, async () => {
      const resolution = await resolveCustomer(
        storage,
        gateway,
        tenantId,
        settings,
        event,
        deps.now(),
        row.customerId,
      );
      if (resolution.kind !== "none" || !settings.options.autoRegister)
        return { resolution, registered: null };
      const registered = await autoRegister(
        deps,
        gateway,
        tenantId,
        settings,
        event,
        resolution.customer?.id ?? null,
      );
      return { resolution, registered };
    });
    const { resolution } = found;
    let recordNumber: string;
    let customerId: string | null = resolution.customer?.id ?? null;
    if (resolution.kind === "ambiguous") {
      await update({
        status: "needs_review",
        customerId,
        reason: { code: "EXPORT_NEEDS_REVIEW", params: {} },
      });
      return "needs_review";
    }
    if (found.registered) {
      recordNumber = found.registered.recordNumber;
      customerId = found.registered.customerId;
    } else if (resolution.kind === "none") {
      await update({
        status: "skipped",
        customerId,
        reason: { code: "EXPORT_NO_CUSTOMER_MATCH", params: {} },
      });
      return "skipped";
    } else {
      recordNumber = resolution.recordNumber;
    }

    const activity = settings.activityApp;
    const ownerCode =
      settings.userMappings.find((m) => m.frontAgentUserId === event.user.id)?.kintoneUserCode ?? null;
    formKey = `${tenantId}:${activity.appId}`;
    formWasCached = true;
    const form = deps.forms
      ? await deps.forms.get(formKey, () => {
          formWasCached = false;
          return gateway.formFields(activity.appId);
        })
      : await gateway.formFields(activity.appId);
    const ownerRequired = activity.fields.owner ? form[activity.fields.owner]?.required === true : false;
    if (ownerCode === null && ownerRequired) {
      // SPEC E4: nothing is lost; the export waits until the user is mapped, then 再送 writes it.
      await update({
        status: "failed",
        customerId,
        reason: { code: "EXPORT_USER_NOT_MAPPED", params: { user: event.user.name } },
      });
      return "failed";
    }
    const customer = resolution.kind === "linked" ? resolution.customer : null;
    const record = activityRecord({
      fields: activity.fields,
      customerLink: activity.customerLink,
      event,
      customer: {
        recordNumber,
        name: customer?.name ?? event.customer.name,
        company: customer?.company ?? event.customer.company,
      },
      ownerCode,
    });
    // SPEC E4: 作成者 is the person who held the meeting, not "Administrator" (the token has app management).
    const creatorCode = Object.values(form).find((f) => f.type === "CREATOR")?.code;
    if (creatorCode && ownerCode) record[creatorCode] = { value: { code: ownerCode } };
    const withTokens = activity.customerLink ? [settings.customerApp.appId] : [];
    // kintone accepts an upsert key only on a field with 値の重複を禁止する; without one (not mapped, or
    // not unique: a warning at setup) the backend's own record guards against a second write.
    const upsertKey =
      activity.fields.eventId && form[activity.fields.eventId]?.unique === true
        ? activity.fields.eventId
        : null;
    if (!upsertKey) {
      // Without the upsert key the attempt is recorded before writing: if the process dies after kintone
      // wrote but before the export is marked written, the next attempt looks for the record first.
      await update({ status: "queued", attempted: true });
      counted = true;
    }
    const kintoneRecordId = await writeOnce(
      gateway,
      activity,
      upsertKey,
      event,
      record,
      withTokens,
      row.attempts > 0,
    );
    await update({
      status: "written",
      customerId,
      kintoneRecordId,
      reason:
        ownerCode === null && activity.fields.owner
          ? { code: "EXPORT_USER_NOT_MAPPED_WARNING", params: { user: event.user.name } }
          : null,
      attempted: !counted,
    });
    return "written";
  } catch (error) {
    if (!(error instanceof KintoneFailure)) throw error;
    if (error.kind === "validation" && formWasCached && formKey && deps.forms) {
      // The administrator may have changed the form (a field made required): try again with it.
      deps.forms.delete(formKey);
      await update({ status: "queued", attempted: !counted });
      throw new RetryLater(deps.now(), "the activity app's form changed");
    }
    if (error.retryable && row.attempts + 1 < MAX_ATTEMPTS) {
      await update({ status: "queued", attempted: !counted });
      throw new RetryLater(
        new Date(deps.now().getTime() + 1000 + backoffDelay(DEFAULT_BACKOFF, row.attempts + 1)),
        error.message,
      );
    }
    const code = error.kind === "lookup" ? "EXPORT_LOOKUP_TARGET_MISSING" : "EXPORT_KINTONE_REJECTED";
    const detail = error.errors ? Object.keys(error.errors).join(", ") : error.kind;
    await update({
      status: "failed",
      reason: { code, params: { kintoneCode: error.kintoneCode ?? String(error.status ?? ""), detail } },
      attempted: !counted,
    });
    return "failed";
  }
}

async function writeOnce(
  gateway: KintoneGateway,
  activity: ResolvedSettings["activityApp"],
  upsertKey: string | null,
  event: AssistEvent,
  record: Record<string, { value: unknown }>,
  withTokens: string[],
  retried: boolean,
): Promise<string> {
  if (upsertKey) {
    const { [upsertKey]: _key, ...rest } = record;
    return (
      await gateway.upsertRecord(activity.appId, { field: upsertKey, value: event.eventId }, rest, withTokens)
    ).id;
  }
  // No upsert key: before writing again, look for the record an earlier attempt may have made, by the event
  // id when its field is mapped (not unique, but written by us only), else by the Front Agent link.
  const eventIdField = activity.fields.eventId;
  const linkField = activity.fields.link;
  const lookup = eventIdField
    ? `${eventIdField} = ${quote(event.eventId)}`
    : linkField
      ? `${linkField} = ${quote(event.meeting.url)}`
      : null;
  if (retried && lookup) {
    const found = await gateway.records(activity.appId, `${lookup} limit 1`, ["$id"]);
    const id = found[0]?.$id?.value;
    if (id !== undefined) return String(id);
  }
  return (await gateway.addRecord(activity.appId, record, withTokens)).id;
}

/**
 * SPEC E3: no customer found and auto-register on → the customer record is made in the customer app and
 * linked. Keyed on 顧客名 (unique, checked at setup) by an upsert, so a retry after a crash finds the
 * record it made instead of making another.
 */
async function autoRegister(
  deps: ExportDeps,
  gateway: KintoneGateway,
  tenantId: string,
  settings: ResolvedSettings,
  event: AssistEvent,
  existingCustomerId: string | null,
): Promise<{ recordNumber: string; customerId: string }> {
  const app = settings.customerApp;
  const name = event.customer.name || event.customer.company;
  const company = event.customer.company || event.customer.name;
  const nameField = app.fields.name ?? "";
  const record: Record<string, { value: unknown }> = {};
  if (app.fields.company) record[app.fields.company] = { value: company };
  const written = await gateway.upsertRecord(app.appId, { field: nameField, value: name }, record);
  const recordNumber = (await readRecordNumber(gateway, app, written.id)) ?? written.id;
  const link = { appId: app.appId, recordId: written.id, recordNumber, revision: null };
  const now = deps.now().toISOString();
  const taken = (await deps.storage.customers.findByLinks(tenantId, app.appId, [written.id])).get(written.id);
  if (taken) return { recordNumber, customerId: taken.id };
  if (existingCustomerId) {
    const linked = await deps.storage.customers.patch(tenantId, existingCustomerId, { kintone: link }, now);
    if (linked) return { recordNumber, customerId: linked.id };
  }
  const made = await createFaCustomer(
    deps.storage,
    tenantId,
    { name, company, email: "", phone: "" },
    link,
    deps.now(),
  );
  return { recordNumber, customerId: made.id };
}
