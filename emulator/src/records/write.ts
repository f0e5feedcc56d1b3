import { loginUserCode, type Principal, permissionFailure, writerEntity } from "../auth/principal.ts";
import { fieldMessages, kintoneErrors, validation } from "../errors/catalogue.ts";
import type { AppState } from "../model/app.ts";
import { toMinuteIso } from "../model/clock.ts";
import type { Domain } from "../model/domain.ts";
import { lookupTargets, VALUELESS_TYPES } from "../model/form.ts";
import type { Journal } from "../model/journal.ts";
import type { FieldProperty, FieldValue, KintoneRecord } from "../model/kintone-types.ts";
import { ErrorCollector } from "./errors.ts";
import { applyLookup } from "./lookup.ts";
import { validateRecord } from "./validate.ts";
import { convertValue } from "./values.ts";

/** Everything a record write needs; one per request (a batch shares it, so errors add up). */
export interface WriteScope {
  domain: Domain;
  app: AppState;
  principal: Principal;
  journal: Journal;
  errors: ErrorCollector;
}

type RecordInput = Record<string, { value?: unknown } | undefined>;

const SYSTEM_WRITABLE_ON_ADD = new Set(["CREATOR", "MODIFIER", "CREATED_TIME", "UPDATED_TIME"]);

export function newScope(domain: Domain, app: AppState, principal: Principal, journal: Journal): WriteScope {
  return { domain, app, principal, journal, errors: new ErrorCollector() };
}

/** Throws kintone's CB_VA01 for everything the request's records got wrong. */
export function throwIfInvalid(scope: WriteScope): void {
  if (!scope.errors.empty) throw validation(scope.errors.entries);
}

/**
 * POST record: defaults for what is absent (POST only, facts §2), the values sent, lookups, system fields.
 * `prefix` starts kintone's error keys: `record` for record.json, `records[i]` for records.json (facts §6).
 */
export function addRecord(
  scope: WriteScope,
  rawInput: unknown,
  prefix: string,
): { id: string; revision: string } | null {
  const { domain, app, principal } = scope;
  const input = asRecordInput(rawInput, prefix, scope.errors);
  const properties = app.live.properties;
  const targets = lookupTargets(properties);
  const values: KintoneRecord = {};
  const before = Object.keys(scope.errors.entries).length;

  for (const p of Object.values(properties)) {
    if (isStored(p) && !targets.has(p.code)) {
      const def = defaultValue(domain, principal, p);
      if (def) values[p.code] = def;
    }
  }
  for (const [code, sent] of Object.entries(input)) {
    const p = properties[code];
    if (!p || targets.has(code) || !isClientWritable(p, true)) continue;
    if (SYSTEM_WRITABLE_ON_ADD.has(p.type)) requireManageForSystemFields(principal, app);
    const converted = convertValue(p, sent?.value, `${prefix}.${code}`, { domain, errors: scope.errors });
    if (converted) values[code] = converted;
  }
  for (const p of Object.values(properties)) {
    if (p.lookup) applyLookup(domain, principal, p, textOf(values[p.code]), values, properties);
  }
  const nowIso = toMinuteIso(domain.clock.nowMs());
  const writer = writerEntity(principal);
  for (const p of Object.values(properties)) {
    if (p.type === "CREATOR" || p.type === "MODIFIER") values[p.code] ??= { type: p.type, value: writer };
    if (p.type === "CREATED_TIME" || p.type === "UPDATED_TIME")
      values[p.code] ??= { type: p.type, value: nowIso };
  }
  validateRecord(app, values, null, prefix, scope.errors);
  if (Object.keys(scope.errors.entries).length > before) return null;

  const id = app.records.takeId();
  const recordNumberCode = app.recordNumberCode;
  if (recordNumberCode) values[recordNumberCode] = { type: "RECORD_NUMBER", value: app.recordNumberFor(id) };
  values.$revision = { type: "__REVISION__", value: "1" };
  values.$id = { type: "__ID__", value: String(id) };
  app.records.insert(values, scope.journal);
  return { id: String(id), revision: "1" };
}

/**
 * Whether an expected revision sent with a write (PUT record(s) `revision`, DELETE records `revisions[i]`)
 * differs from the record's: kintone checks nothing for an absent value, `null` or -1 (update-record,
 * delete-records: 「「-1」を指定する、または指定しなかった場合はリビジョン番号は検証されません」).
 * `null` must count as absent: the official client's deleteAllRecords maps records to `revisions` and a
 * record given without one becomes `null` in the bulkRequest's JSON, which is all cli-kintone's
 * `record delete` sends, and that command is tested end to end against kintone
 * (kintone/cli-kintone features/record/delete.feature, "Delete all records"). Anything else is compared as
 * text, so `""` (how the client's query string writes a `null`) or `"abc"` is a mismatch, 409: whether
 * kintone refuses those as invalid (CB_VA01) or ignores them is not documented; a refusal is the stricter.
 */
export function revisionMismatch(wanted: unknown, current: unknown): boolean {
  if (wanted === undefined || wanted === null) return false;
  const text = String(wanted);
  return text !== "-1" && text !== String(current);
}

export interface UpdateEntry {
  id?: unknown;
  updateKey?: { field?: unknown; value?: unknown };
  revision?: unknown;
  record?: unknown;
}

export interface UpdateResult {
  id: string;
  revision: string;
  operation?: "INSERT" | "UPDATE";
}

/**
 * PUT record: by id or by a unique `updateKey`, optional revision check, merge, lookups, validation.
 * Error keys: `record.<code>.value` for record.json; for records.json the entry's `record` sits under
 * `records[i].`, giving `records[i].record.<code>.value` (kintone's exact key here was not captured;
 * the official client only reads the `records[i]` index from it).
 */
export function updateRecord(
  scope: WriteScope,
  entry: UpdateEntry,
  entryPrefix: string,
  upsert: boolean,
): UpdateResult | null {
  const { domain, app, principal } = scope;
  const prefix = `${entryPrefix}record`;
  const hasId = entry.id !== undefined && entry.id !== null && entry.id !== "";
  if (hasId && entry.updateKey) throw validation({ [`${entryPrefix}id`]: [fieldMessages.idAndUpdateKey] });
  let current: KintoneRecord | undefined;
  if (hasId) {
    current = app.records.get(Number(entry.id));
    if (!current) throw kintoneErrors.recordNotFound(String(entry.id));
  } else if (entry.updateKey) {
    const field = String(entry.updateKey.field ?? "");
    const value = String(entry.updateKey.value ?? "");
    const p = app.live.properties[field];
    if (!p?.unique)
      throw validation({ [`${entryPrefix}updateKey.field`]: [fieldMessages.updateKeyNotUnique] });
    const id = app.records.findByIndex(field, value);
    current = id === undefined ? undefined : app.records.get(id);
    if (!current) {
      if (upsert) {
        const record = { ...withoutSystemFields(app, entry.record), [field]: { value } };
        const added = addRecord(scope, record, prefix);
        return added && { ...added, operation: "INSERT" };
      }
      // kintone's code for an updateKey that matches nothing was not captured; GAIA_RE01 is the nearest.
      throw kintoneErrors.recordNotFound(value);
    }
  } else {
    throw validation({ [`${entryPrefix}id`]: [fieldMessages.requiredParameter] });
  }

  const currentRevision = current.$revision?.value ?? "1";
  if (revisionMismatch(entry.revision, currentRevision)) throw kintoneErrors.revisionConflict();

  const input = asRecordInput(entry.record, prefix, scope.errors);
  const properties = app.live.properties;
  const targets = lookupTargets(properties);
  const values: KintoneRecord = { ...current };
  const before = Object.keys(scope.errors.entries).length;
  for (const [code, sent] of Object.entries(input)) {
    const p = properties[code];
    // System fields can only be set when a record is added (POST); an update naming one is refused whole.
    if (p && SYSTEM_WRITABLE_ON_ADD.has(p.type)) throw kintoneErrors.systemFieldNotSettable(p.type);
    if (!p || targets.has(code) || !isClientWritable(p, false)) continue;
    const previous = current[code];
    const converted = convertValue(p, sent?.value, `${prefix}.${code}`, {
      domain,
      errors: scope.errors,
      previousRows: previous?.type === "SUBTABLE" ? previous.value : [],
    });
    if (converted) values[code] = converted;
  }
  for (const p of Object.values(properties)) {
    // A key not sent keeps the copied values; a changed key re-copies; an empty key clears (facts §7).
    if (p.lookup && p.code in input)
      applyLookup(domain, principal, p, textOf(values[p.code]), values, properties);
  }
  const id = Number(current.$id?.value);
  const revision = String(Number(currentRevision) + 1);
  for (const p of Object.values(properties)) {
    if (p.type === "MODIFIER") values[p.code] = { type: "MODIFIER", value: writerEntity(principal) };
    if (p.type === "UPDATED_TIME")
      values[p.code] = { type: "UPDATED_TIME", value: toMinuteIso(domain.clock.nowMs()) };
  }
  values.$revision = { type: "__REVISION__", value: revision };
  validateRecord(app, values, id, prefix, scope.errors);
  if (Object.keys(scope.errors.entries).length > before) return null;
  app.records.replace(values, scope.journal);
  return upsert ? { id: String(id), revision, operation: "UPDATE" } : { id: String(id), revision };
}

/**
 * An upsert that inserts: kintone documents CREATOR/CREATED_TIME/MODIFIER/UPDATED_TIME as settable only on
 * POST (add-record) and says nothing of them here; the update of the same PUT refuses them (GAIA_UN10).
 * Unsettled, so the emulator ignores them and the record is made by the writer ("Administrator" for a
 * token): a client relying on upsert to set 作成者 sees it fail in tests. The other possibility is that
 * kintone refuses the insert with GAIA_UN10 as it does an update (README "Uncertain kintone behaviours").
 */
function withoutSystemFields(app: AppState, raw: unknown): RecordInput | undefined {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return raw as RecordInput | undefined;
  const properties = app.live.properties;
  return Object.fromEntries(
    Object.entries(raw).filter(([code]) => !SYSTEM_WRITABLE_ON_ADD.has(properties[code]?.type ?? "")),
  );
}

function asRecordInput(raw: unknown, prefix: string, errors: ErrorCollector): RecordInput {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== "object" || Array.isArray(raw)) {
    errors.add(prefix, fieldMessages.badValue);
    return {};
  }
  const input = raw as Record<string, unknown>;
  for (const [code, sent] of Object.entries(input)) {
    if (sent === null || typeof sent !== "object" || Array.isArray(sent))
      errors.add(`${prefix}.${code}.value`, fieldMessages.badValue);
  }
  return input as RecordInput;
}

/** Field types a client can never write: kintone ignores values sent for them (facts §2). */
function isClientWritable(p: FieldProperty, adding: boolean): boolean {
  if (VALUELESS_TYPES.has(p.type)) return false;
  if (["RECORD_NUMBER", "__ID__", "__REVISION__", "CALC"].includes(p.type)) return false;
  if (SYSTEM_WRITABLE_ON_ADD.has(p.type)) return adding;
  return true;
}

function isStored(p: FieldProperty): boolean {
  return !VALUELESS_TYPES.has(p.type) && !SYSTEM_WRITABLE_ON_ADD.has(p.type) && p.type !== "RECORD_NUMBER";
}

/**
 * Setting CREATOR/CREATED_TIME/… on POST needs app management (facts §2). For API tokens kintone does not
 * say whether the token's flag is needed (open question 5): the emulator requires it and answers like any
 * missing token permission; the other possibility is that kintone silently ignores the values.
 */
function requireManageForSystemFields(principal: Principal, app: AppState): void {
  const failure = permissionFailure(principal, app, { all: ["manage"] });
  if (failure) throw failure;
}

function defaultValue(domain: Domain, principal: Principal, p: FieldProperty): FieldValue | undefined {
  const def = p.defaultValue;
  switch (p.type) {
    case "DATE":
      if (p.defaultNowValue) return { type: "DATE", value: todayIn(domain) };
      return { type: "DATE", value: typeof def === "string" && def !== "" ? def : null };
    case "DATETIME":
      if (p.defaultNowValue) return { type: "DATETIME", value: toMinuteIso(domain.clock.nowMs()) };
      return { type: "DATETIME", value: typeof def === "string" && def !== "" ? def : null };
    case "TIME":
      return { type: "TIME", value: typeof def === "string" && def !== "" ? def : null };
    case "CHECK_BOX":
    case "MULTI_SELECT":
      return { type: p.type, value: Array.isArray(def) ? [...(def as string[])] : [] };
    case "USER_SELECT": {
      const login = loginUserCode(principal);
      const users = (Array.isArray(def) ? (def as Array<{ code: string; type?: string }>) : []).flatMap(
        (e) => {
          const code = e.type === "FUNCTION" && e.code === "LOGINUSER()" ? login : e.code;
          const user = code ? domain.users.get(code) : undefined;
          return user ? [{ code: user.code, name: user.name }] : [];
        },
      );
      return { type: "USER_SELECT", value: users };
    }
    case "ORGANIZATION_SELECT":
    case "GROUP_SELECT":
    case "FILE":
      return { type: p.type, value: [] };
    // kintone may add one empty row to a table on create; the emulator starts with none.
    case "SUBTABLE":
      return { type: "SUBTABLE", value: [] };
    case "DROP_DOWN":
      return { type: "DROP_DOWN", value: typeof def === "string" && def !== "" ? def : null };
    case "CALC":
      return { type: "CALC", value: "" };
    default:
      return { type: p.type, value: typeof def === "string" ? def : "" } as FieldValue;
  }
}

function todayIn(domain: Domain): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: domain.settings.timeZone }).format(domain.clock.now());
}

function textOf(value: FieldValue | undefined): string {
  return typeof value?.value === "string" ? value.value.trim() : "";
}
