import {
  type AppFacts,
  type AppKey,
  checkSettings,
  type Finding,
  type Form,
  type Language,
  maskSettings,
  renderFinding,
  type Settings,
  type StoredSettings,
  storedSettingsSchema,
  tokenRequiredFinding,
} from "@front-agent/shared";
import { decryptSecret, encryptSecret } from "../crypto/secrets.ts";
import { DomainError } from "../domain-error.ts";
import type { KintoneGateway } from "../kintone/gateway.ts";
import { isAllowedOrigin, type OriginPattern } from "../kintone/origins.ts";
import type { Storage } from "../storage/index.ts";
import { requeueExport } from "./exports/intake.ts";
import { importKeyOf } from "./import/import-key.ts";
import { type ImportPlan, planImport } from "./import/plan.ts";
import { ImportAlreadyRunningError, startImportRun } from "./import/start-run.ts";
import { gatherAppFacts } from "./kintone-facts.ts";
import type { RequestBudget } from "./request-budget.ts";
import { issueRecordKey } from "./tenants.ts";

/** Settings with both API tokens in clear: only ever in memory, on the way to a gateway. */
export type ResolvedSettings = Omit<Settings, "customerApp" | "activityApp"> & {
  customerApp: Omit<Settings["customerApp"], "apiToken"> & { apiToken: string };
  activityApp: Omit<Settings["activityApp"], "apiToken"> & { apiToken: string };
};

/** The customer app's part of the settings, token in clear: what reads customer records needs. */
export type CustomerApp = ResolvedSettings["customerApp"];

export interface SettingsDeps {
  storage: Storage;
  secretKey: Buffer;
  allowedOrigins: OriginPattern[];
  gatewayFor(settings: ResolvedSettings, tenantId: string | null): KintoneGateway;
  now(): Date;
  /** Today's kintone requests per app, for the 診断 (absent where only the settings are checked). */
  budget?: Pick<RequestBudget, "usage" | "dailyLimit">;
  /** The operator's ceiling on the first import's cap (MAX_INITIAL_RECORDS); absent: not judged. */
  maxInitialRecords?: number;
}

/** A request that needs the stored settings, before the plug-in saved any. */
export class SettingsNotFoundError extends DomainError {
  readonly code = "SETTINGS_NOT_FOUND";
  readonly httpStatus = 404;
}

const APP_KEYS: AppKey[] = ["customerApp", "activityApp"];

/** `{set: true}` that cannot keep a stored token here: the token has to be given again (CHECK_TOKEN_REQUIRED). */
export class TokenRequiredError extends DomainError {
  readonly code = "SETTINGS_INVALID";
  readonly httpStatus = 422;

  constructor(readonly findings: Finding[]) {
    super(`an API token must be given for ${findings.map((f) => f.field).join(", ")}`);
    this.name = "TokenRequiredError";
  }

  /** The checks name the token fields, like a refused save's. */
  override details(language: Language) {
    return { checks: this.findings.map((f) => renderFinding(f, language)) };
  }
}

/**
 * Each app's token in clear: the one given, or for `{set: true}` (API.md) the stored one, but only for the
 * kintone origin and the app id it was stored for. Otherwise the connection key alone could send the stored
 * tokens to another kintone (any *.cybozu.com is allowed) or one app's token to another app. null: there is
 * no token to keep, so it must be given again and nothing is sent with it.
 */
async function tokensFor(
  deps: SettingsDeps,
  tenantId: string | null,
  settings: Settings,
): Promise<Record<AppKey, string | null>> {
  const row = tenantId ? await deps.storage.settings.get(tenantId) : null;
  const parsed = row ? storedSettingsSchema.safeParse(row.body) : null;
  const storedFor = parsed?.success ? parsed.data : null;
  const sameKintone = storedFor !== null && sameOrigin(storedFor.kintone.baseUrl, settings.kintone.baseUrl);
  const encrypted = { customerApp: row?.customerTokenEnc, activityApp: row?.activityTokenEnc };
  const token = (key: AppKey): string | null => {
    const given = settings[key].apiToken;
    if (typeof given === "string") return given;
    const enc = encrypted[key];
    if (!enc || !sameKintone || storedFor?.[key].appId !== settings[key].appId) return null;
    return decryptSecret(deps.secretKey, enc);
  };
  return { customerApp: token("customerApp"), activityApp: token("activityApp") };
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

function withTokens(settings: Settings, tokens: Record<AppKey, string | null>): ResolvedSettings {
  return {
    ...settings,
    customerApp: { ...settings.customerApp, apiToken: tokens.customerApp ?? "" },
    activityApp: { ...settings.activityApp, apiToken: tokens.activityApp ?? "" },
  };
}

/** Both tokens in clear (see tokensFor); a TokenRequiredError naming the fields when one must be given again. */
export async function resolveTokens(
  deps: SettingsDeps,
  tenantId: string | null,
  settings: Settings,
): Promise<ResolvedSettings> {
  const tokens = await tokensFor(deps, tenantId, settings);
  const required = APP_KEYS.filter((key) => tokens[key] === null);
  if (required.length > 0)
    throw new TokenRequiredError(required.map((key) => tokenRequiredFinding(key, settings[key].appId)));
  return withTokens(settings, tokens);
}

/** Every check of SPEC S3–S7 against kintone; the origin is judged before anything is sent (no SSRF). */
export async function validateSettings(
  deps: SettingsDeps,
  tenantId: string | null,
  settings: Settings,
): Promise<Finding[]> {
  return (await checkAgainstKintone(deps, tenantId, settings)).findings;
}

interface Checked {
  findings: Finding[];
  /** The customer app's live form as the checks read it; null when they could not. */
  customerForm: Form | null;
}

/**
 * The checks (8 requests for two apps, 2 round trips: kintone-facts.ts). A save that starts the first
 * import hands the run the customer app's form they read (ImportPlan); the run opens its read with pages,
 * so nothing else is read for it.
 */
async function checkAgainstKintone(
  deps: SettingsDeps,
  tenantId: string | null,
  settings: Settings,
): Promise<Checked> {
  if (!isAllowedOrigin(settings.kintone.baseUrl, deps.allowedOrigins)) {
    const findings = checkSettings(settings, {
      originAllowed: false,
      customerApp: unreachable(),
      activityApp: unreachable(),
    });
    return { findings, customerForm: null };
  }
  const tokens = await tokensFor(deps, tenantId, settings);
  // An app without a token is not asked at all: its stored token stays with the kintone and app it is for.
  const anyToken = APP_KEYS.some((key) => tokens[key] !== null);
  const gateway = anyToken ? deps.gatewayFor(withTokens(settings, tokens), tenantId) : null;
  // kintone being down is not a finding about the settings: it propagates as a KintoneFailure (502).
  const facts = (key: AppKey): Promise<AppFacts> =>
    gateway && tokens[key] !== null
      ? gatherAppFacts(gateway, settings[key].appId)
      : Promise.resolve(tokenRequired());
  // Today's use is the backend's own count: read while kintone answers, not after.
  const usage = deps.budget && tenantId ? deps.budget.usage(tenantId) : null;
  const [customerApp, activityApp, used] = await Promise.all([
    facts("customerApp"),
    facts("activityApp"),
    usage,
  ]);
  const dailyUse =
    used && deps.budget ? { used: Object.fromEntries(used), limit: deps.budget.dailyLimit } : undefined;
  const findings = checkSettings(settings, {
    originAllowed: true,
    customerApp,
    activityApp,
    ...(dailyUse ? { dailyUse } : {}),
    ...(deps.maxInitialRecords === undefined ? {} : { maxInitialRecords: deps.maxInitialRecords }),
  });
  return { findings, customerForm: customerApp.form };
}

export interface SaveOutcome {
  findings: Finding[];
  savedAt: string | null;
  /** True when the save changed what the import reads (first save, other customer app or mapping). */
  importInputsChanged: boolean;
  /** For the first import the save starts: what its checks read of the customer app (null: none read). */
  importPlan: ImportPlan | null;
}

/** PUT settings: stored only when no check is an error; tokens encrypted, the body masked. */
export async function saveSettings(
  deps: SettingsDeps,
  tenantId: string,
  settings: Settings,
): Promise<SaveOutcome> {
  const previous = await deps.storage.settings.get(tenantId);
  const importKey = importKeyOf(settings);
  const importInputsChanged = previous?.importKey !== importKey;
  const checked = await checkAgainstKintone(deps, tenantId, settings);
  const { findings } = checked;
  if (findings.some((f) => f.status === "error"))
    return { findings, savedAt: null, importInputsChanged: false, importPlan: null };
  const resolved = await resolveTokens(deps, tenantId, settings);
  const savedAt = deps.now().toISOString();
  await deps.storage.settings.put(tenantId, {
    body: maskSettings(settings),
    customerTokenEnc: encryptSecret(deps.secretKey, resolved.customerApp.apiToken),
    activityTokenEnc: encryptSecret(deps.secretKey, resolved.activityApp.apiToken),
    importKey,
    savedAt,
  });
  if (previous) await forgetOtherCustomerApp(deps, tenantId, previous.body, settings, savedAt);
  const importPlan =
    importInputsChanged && checked.customerForm
      ? planImport(checked.customerForm, settings, deps.now())
      : null;
  return { findings, savedAt, importInputsChanged, importPlan };
}

export interface ApplyDeps extends SettingsDeps {
  /** Wakes the job worker of this process. */
  jobsQueued(): void;
  /** The resolved settings this process keeps for a while: a save makes them stale. */
  resolvedSettings: { delete(tenantId: string): void };
}

/** A save refused by its checks (nothing stored), or stored, with the record key it issued. */
export type Applied =
  | { findings: Finding[]; savedAt: null }
  | { findings: Finding[]; savedAt: string; recordKey: string };

/**
 * PUT /v1/kintone/settings: the settings are saved (when no check is an error) and what depends on them
 * follows: the exports that waited for a user mapping are sent again, a changed customer app or mapping
 * starts the first import, and a new record key is issued.
 */
export async function applySettings(deps: ApplyDeps, tenantId: string, settings: Settings): Promise<Applied> {
  const outcome = await saveSettings(deps, tenantId, settings);
  deps.resolvedSettings.delete(tenantId);
  if (!outcome.savedAt) return { findings: outcome.findings, savedAt: null };
  await requeueUnmappedExports(deps, tenantId);
  if (outcome.importInputsChanged) await startFirstImport(deps, tenantId, outcome.importPlan);
  const recordKey = await issueRecordKey(deps.storage, tenantId);
  return { findings: outcome.findings, savedAt: outcome.savedAt, recordKey };
}

/** SPEC E4: exports that waited for a user mapping are sent again once the settings may map the user. */
async function requeueUnmappedExports(deps: ApplyDeps, tenantId: string): Promise<void> {
  const now = deps.now();
  const waiting = await deps.storage.exports.withReason(tenantId, "failed", "EXPORT_USER_NOT_MAPPED");
  for (const row of waiting) await deps.storage.transaction((tx) => requeueExport(tx, tenantId, row.id, now));
  if (waiting.length > 0) deps.jobsQueued();
}

/**
 * SPEC: the first save, or a change of the customer app or its mapping, starts the first import (unless a
 * run is going already). CRM候補検索's index of the whole customer app is built from the first import's own
 * read (one read of the app, not two): no build is queued here (services/candidate-index.ts).
 */
async function startFirstImport(deps: ApplyDeps, tenantId: string, plan: ImportPlan | null): Promise<void> {
  await startImportRun(deps.storage, tenantId, "initial", deps.now(), plan).catch((error: unknown) => {
    if (!(error instanceof ImportAlreadyRunningError)) throw error;
  });
  deps.jobsQueued();
}

/**
 * SPEC E3: a link belongs to one customer app. When the settings name another customer app, or another
 * kintone, the links to the old app's records are dropped (customers kept, shown unlinked with the reason)
 * and so is the candidate index of the old app: record 303 there is another person here. The first import
 * of the new app links the customers again by name and company (SPEC I7).
 */
async function forgetOtherCustomerApp(
  deps: SettingsDeps,
  tenantId: string,
  previousBody: unknown,
  settings: Settings,
  at: string,
): Promise<void> {
  const previous = storedSettingsSchema.safeParse(previousBody);
  if (!previous.success) return;
  const sameKintone =
    new URL(previous.data.kintone.baseUrl).origin === new URL(settings.kintone.baseUrl).origin;
  const sameApp = sameKintone && previous.data.customerApp.appId === settings.customerApp.appId;
  if (sameApp) return;
  await deps.storage.customers.unlinkOutsideApp(
    tenantId,
    sameKintone ? settings.customerApp.appId : null,
    "customer_app_changed",
    at,
  );
  await deps.storage.candidateIndex.clear(tenantId);
}

export async function storedSettings(storage: Storage, tenantId: string): Promise<StoredSettings | null> {
  const row = await storage.settings.get(tenantId);
  return row ? storedSettingsSchema.parse(row.body) : null;
}

/** The stored settings, for a request that needs them: SETTINGS_NOT_FOUND (404) before the first save. */
export async function requireStoredSettings(storage: Storage, tenantId: string): Promise<StoredSettings> {
  const settings = await storedSettings(storage, tenantId);
  if (!settings) throw new SettingsNotFoundError(tenantId);
  return settings;
}

/** The stored settings with tokens decrypted, for the import and export workers. */
export async function loadResolvedSettings(
  deps: Pick<SettingsDeps, "storage" | "secretKey">,
  tenantId: string,
): Promise<ResolvedSettings> {
  const row = await deps.storage.settings.get(tenantId);
  if (!row?.customerTokenEnc || !row.activityTokenEnc) throw new SettingsNotFoundError(tenantId);
  const body = storedSettingsSchema.parse(row.body);
  return {
    ...body,
    customerApp: { ...body.customerApp, apiToken: decryptSecret(deps.secretKey, row.customerTokenEnc) },
    activityApp: { ...body.activityApp, apiToken: decryptSecret(deps.secretKey, row.activityTokenEnc) },
  };
}

/** What the import depends on; when it changes, the directory must be rebuilt by a first import. */
function tokenRequired(): AppFacts {
  return { reach: "token_required", permissions: {}, form: null };
}

function unreachable() {
  return { reach: "ok" as const, permissions: {}, form: null };
}
