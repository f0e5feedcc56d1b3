import { createHash } from "node:crypto";
import {
  checkSettings,
  type Finding,
  maskSettings,
  type Settings,
  type StoredSettings,
  storedSettingsSchema,
} from "@front-agent/shared";
import { decryptSecret, encryptSecret } from "../crypto/secrets.ts";
import type { KintoneGateway } from "../kintone/gateway.ts";
import { isAllowedOrigin, type OriginPattern } from "../kintone/origins.ts";
import type { Storage } from "../storage/index.ts";
import { gatherAppFacts } from "./kintone-facts.ts";
import type { RequestBudget } from "./request-budget.ts";

/** Settings with both API tokens in clear: only ever in memory, on the way to a gateway. */
export type ResolvedSettings = Omit<Settings, "customerApp" | "activityApp"> & {
  customerApp: Omit<Settings["customerApp"], "apiToken"> & { apiToken: string };
  activityApp: Omit<Settings["activityApp"], "apiToken"> & { apiToken: string };
};

export interface SettingsDeps {
  storage: Storage;
  secretKey: Buffer;
  allowedOrigins: OriginPattern[];
  gatewayFor(settings: ResolvedSettings, tenantId: string | null): KintoneGateway;
  now(): Date;
  /** Today's kintone requests per app, for the 診断 (absent where only the settings are checked). */
  budget?: Pick<RequestBudget, "usage" | "dailyLimit">;
}

export class SettingsNotFoundError extends Error {}

/**
 * `{set: true}` keeps the stored token (API.md). A tenant without a stored token gets an empty one,
 * which kintone refuses, so the check says "token invalid" next to the right field.
 */
export async function resolveTokens(
  deps: SettingsDeps,
  tenantId: string | null,
  settings: Settings,
): Promise<ResolvedSettings> {
  const stored = tenantId ? await deps.storage.settings.get(tenantId) : null;
  const token = (value: Settings["customerApp"]["apiToken"], enc: string | null | undefined) =>
    typeof value === "string" ? value : enc ? decryptSecret(deps.secretKey, enc) : "";
  return {
    ...settings,
    customerApp: {
      ...settings.customerApp,
      apiToken: token(settings.customerApp.apiToken, stored?.customerTokenEnc),
    },
    activityApp: {
      ...settings.activityApp,
      apiToken: token(settings.activityApp.apiToken, stored?.activityTokenEnc),
    },
  };
}

/** Every check of SPEC S3–S7 against kintone; the origin is judged before anything is sent (no SSRF). */
export async function validateSettings(
  deps: SettingsDeps,
  tenantId: string | null,
  settings: Settings,
): Promise<Finding[]> {
  if (!isAllowedOrigin(settings.kintone.baseUrl, deps.allowedOrigins)) {
    return checkSettings(settings, {
      originAllowed: false,
      customerApp: unreachable(),
      activityApp: unreachable(),
    });
  }
  const resolved = await resolveTokens(deps, tenantId, settings);
  const gateway = deps.gatewayFor(resolved, tenantId);
  // kintone being down is not a finding about the settings: it propagates as a KintoneFailure (502).
  const [customerApp, activityApp] = await Promise.all([
    gatherAppFacts(gateway, settings.customerApp.appId),
    gatherAppFacts(gateway, settings.activityApp.appId),
  ]);
  const dailyUse =
    deps.budget && tenantId
      ? { used: Object.fromEntries(await deps.budget.usage(tenantId)), limit: deps.budget.dailyLimit }
      : undefined;
  return checkSettings(settings, {
    originAllowed: true,
    customerApp,
    activityApp,
    ...(dailyUse ? { dailyUse } : {}),
  });
}

export interface SaveOutcome {
  findings: Finding[];
  savedAt: string | null;
  /** True when the save changed what the import reads (first save, other customer app or mapping). */
  importInputsChanged: boolean;
}

/** PUT settings: stored only when no check is an error; tokens encrypted, the body masked. */
export async function saveSettings(
  deps: SettingsDeps,
  tenantId: string,
  settings: Settings,
): Promise<SaveOutcome> {
  const findings = await validateSettings(deps, tenantId, settings);
  if (findings.some((f) => f.status === "error"))
    return { findings, savedAt: null, importInputsChanged: false };
  const resolved = await resolveTokens(deps, tenantId, settings);
  const previous = await deps.storage.settings.get(tenantId);
  const importKey = importKeyOf(settings);
  const savedAt = deps.now().toISOString();
  await deps.storage.settings.put(tenantId, {
    body: maskSettings(settings),
    customerTokenEnc: encryptSecret(deps.secretKey, resolved.customerApp.apiToken),
    activityTokenEnc: encryptSecret(deps.secretKey, resolved.activityApp.apiToken),
    importKey,
    savedAt,
  });
  if (previous) await forgetOtherCustomerApp(deps, tenantId, previous.body, settings, savedAt);
  return { findings, savedAt, importInputsChanged: previous?.importKey !== importKey };
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

/** The stored settings with tokens decrypted, for the import and export workers. */
export async function loadResolvedSettings(deps: SettingsDeps, tenantId: string): Promise<ResolvedSettings> {
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
function importKeyOf(settings: Settings): string {
  const basis = JSON.stringify({
    baseUrl: settings.kintone.baseUrl,
    appId: settings.customerApp.appId,
    fields: settings.customerApp.fields,
  });
  return createHash("sha256").update(basis).digest("hex");
}

function unreachable() {
  return { reach: "ok" as const, permissions: {}, form: null };
}
