import type { ActivityFields, CustomerFields, SettingsOptions, UserMapping } from "@front-agent/shared";
import { type Draft, draftFrom, emptyDraft, pluginConfig, type StoredParts } from "../draft.ts";
import { OPTION_LIMITS } from "../options/option-values.ts";

/** Names the file, so a JSON file of something else is refused rather than half-read. */
export const SETTINGS_FILE_FORMAT = "front-agent-kintone/settings";
export const SETTINGS_FILE_VERSION = 1;

/**
 * The settings as a file: exactly what setConfig stores (pluginConfig), which by design holds no secret —
 * no API token, no connection key — plus the backend URL.
 */
export function settingsFile(draft: Draft, now: Date): string {
  const config = pluginConfig(draft);
  // The labels remember this app's form, for offering a renamed field; another app has its own.
  const { fieldLabels: _labels, ...settings } = JSON.parse(config.settings) as Record<string, unknown>;
  return `${JSON.stringify(
    {
      format: SETTINGS_FILE_FORMAT,
      version: SETTINGS_FILE_VERSION,
      exportedAt: now.toISOString(),
      backendUrl: config.backendUrl,
      settings,
    },
    null,
    2,
  )}\n`;
}

export type FileReading =
  | { ok: true; draft: Draft }
  | { ok: false; error: "json" }
  | { ok: false; error: "shape"; path: string };

class ShapeError extends Error {
  constructor(readonly path: string) {
    super(path);
  }
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function object(value: unknown, path: string): Json {
  if (!isObject(value)) throw new ShapeError(path);
  return value;
}

/** The known keys only (a newer file may carry more); each a field code or null (not mapped). */
function fieldCodes<K extends string>(
  value: unknown,
  keys: readonly K[],
  path: string,
): Partial<Record<K, string | null>> {
  const fields = object(value, path);
  const codes: Partial<Record<K, string | null>> = {};
  for (const key of keys) {
    const code = fields[key];
    if (code === undefined) continue;
    if (code !== null && typeof code !== "string") throw new ShapeError(`${path}.${key}`);
    codes[key] = code === null || code.trim() === "" ? null : code.trim();
  }
  return codes;
}

const CUSTOMER_KEYS = Object.keys(emptyDraft("").customerApp.fields) as Array<keyof CustomerFields>;
const ACTIVITY_KEYS = Object.keys(emptyDraft("").activityApp.fields) as Array<keyof ActivityFields>;

function options(value: unknown): Partial<SettingsOptions> {
  const source = object(value, "options");
  const read: Partial<SettingsOptions> = {};
  if (source.autoRegister !== undefined) {
    if (typeof source.autoRegister !== "boolean") throw new ShapeError("options.autoRegister");
    read.autoRegister = source.autoRegister;
  }
  for (const [key, { min, max }] of Object.entries(OPTION_LIMITS) as Array<
    [keyof typeof OPTION_LIMITS, { min: number; max: number }]
  >) {
    const number = source[key];
    if (number === undefined) continue;
    if (typeof number !== "number" || !Number.isInteger(number) || number < min || number > max)
      throw new ShapeError(`options.${key}`);
    read[key] = number;
  }
  return read;
}

function userMappings(value: unknown): UserMapping[] {
  if (!Array.isArray(value)) throw new ShapeError("userMappings");
  return value.map((item, i) => {
    const mapping = object(item, `userMappings[${i}]`);
    const { frontAgentUserId, kintoneUserCode } = mapping;
    if (typeof frontAgentUserId !== "string" || frontAgentUserId.trim() === "")
      throw new ShapeError(`userMappings[${i}].frontAgentUserId`);
    if (typeof kintoneUserCode !== "string" || kintoneUserCode.trim() === "")
      throw new ShapeError(`userMappings[${i}].kintoneUserCode`);
    return { frontAgentUserId: frontAgentUserId.trim(), kintoneUserCode: kintoneUserCode.trim() };
  });
}

function appId(value: unknown, path: string): string {
  const id = typeof value === "number" ? String(value) : value;
  if (typeof id !== "string" || !/^\d*$/.test(id.trim())) throw new ShapeError(path);
  return id.trim();
}

/** The non-secret parts a file holds, checked; a settings body without the file's envelope is accepted too. */
function storedParts(root: Json): { parts: StoredParts; backendUrl: string } {
  const wrapped = root.format !== undefined;
  if (wrapped) {
    if (root.format !== SETTINGS_FILE_FORMAT) throw new ShapeError("format");
    if (root.version !== SETTINGS_FILE_VERSION) throw new ShapeError("version");
  }
  const settings = wrapped ? object(root.settings, "settings") : root;
  if (!wrapped && !isObject(settings.customerApp) && !isObject(settings.activityApp))
    throw new ShapeError("customerApp");
  const backendUrl = root.backendUrl ?? "";
  if (typeof backendUrl !== "string") throw new ShapeError("backendUrl");
  const parts: StoredParts = {};
  if (settings.frontAgent !== undefined) {
    const baseUrl = object(settings.frontAgent, "frontAgent").baseUrl;
    if (typeof baseUrl !== "string") throw new ShapeError("frontAgent.baseUrl");
    parts.frontAgent = { baseUrl };
  }
  if (settings.customerApp !== undefined) {
    const app = object(settings.customerApp, "customerApp");
    parts.customerApp = {
      appId: "",
      fields: fieldCodes(app.fields ?? {}, CUSTOMER_KEYS, "customerApp.fields"),
    };
  }
  if (settings.activityApp !== undefined) {
    const app = object(settings.activityApp, "activityApp");
    const customerLink = app.customerLink ?? true;
    if (typeof customerLink !== "boolean") throw new ShapeError("activityApp.customerLink");
    parts.activityApp = {
      appId: appId(app.appId ?? "", "activityApp.appId"),
      customerLink,
      fields: fieldCodes(app.fields ?? {}, ACTIVITY_KEYS, "activityApp.fields"),
    };
  }
  if (settings.options !== undefined) parts.options = options(settings.options);
  if (settings.userMappings !== undefined) parts.userMappings = userMappings(settings.userMappings);
  return { parts, backendUrl: backendUrl.trim() };
}

/**
 * The draft a settings file gives, or why it gives none (the caller then leaves the draft as it was).
 * What the file describes replaces the draft's mapping, options and user mapping; what it cannot hold stays:
 * the customer app is always this app, the API tokens and the connection key are this app's secrets, and
 * the backend URL is taken from the file only when none is set yet (the typed key and the stored tokens
 * belong to that backend).
 */
export function draftFromFile(current: Draft, text: string): FileReading {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return { ok: false, error: "json" };
  }
  try {
    const { parts, backendUrl } = storedParts(object(root, "(root)"));
    const next = draftFrom(
      current.customerApp.appId,
      {
        backendUrl: current.backendUrl.trim() === "" ? backendUrl : current.backendUrl,
        settings: JSON.stringify(parts),
      },
      null,
    );
    if (!parts.frontAgent) next.frontAgentBaseUrl = current.frontAgentBaseUrl;
    return { ok: true, draft: keepSecrets(next, current) };
  } catch (error) {
    if (error instanceof ShapeError) return { ok: false, error: "shape", path: error.path };
    throw error;
  }
}

/**
 * Back to the defaults for what the integration does (field mapping, activity app, options, user mapping),
 * keeping how it connects: the backend URL, the connection key, Front Agent's URL and the API tokens, none of
 * which a default could stand for.
 */
export function resetDraft(current: Draft): Draft {
  const next = emptyDraft(current.customerApp.appId);
  next.backendUrl = current.backendUrl;
  next.frontAgentBaseUrl = current.frontAgentBaseUrl;
  return keepSecrets(next, current);
}

function keepSecrets(next: Draft, current: Draft): Draft {
  next.connectionKey = current.connectionKey;
  next.customerApp.apiToken = current.customerApp.apiToken;
  next.customerApp.tokenSet = current.customerApp.tokenSet;
  next.activityApp.apiToken = current.activityApp.apiToken;
  next.activityApp.tokenSet = current.activityApp.tokenSet;
  return next;
}
