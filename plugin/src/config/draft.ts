import type { ActivityFields, CustomerFields, SettingsOptions, UserMapping } from "@front-agent/shared";
import { TEMPLATE_ACTIVITY_FIELDS, TEMPLATE_CUSTOMER_FIELDS } from "@front-agent/shared/template-settings";

/**
 * What the config screen edits. Secrets are typed here and never stored with setConfig. The connection key
 * lives only in this draft, in memory, for as long as the screen is open: it is typed on each visit and
 * sent with each backend call. API tokens go to the backend: `tokenSet` says it holds one (shown as
 * 設定済み) and an empty input keeps it.
 */
export interface Draft {
  backendUrl: string;
  connectionKey: string;
  frontAgentBaseUrl: string;
  customerApp: { appId: string; apiToken: string; tokenSet: boolean; fields: CustomerFields };
  activityApp: {
    appId: string;
    apiToken: string;
    tokenSet: boolean;
    customerLink: boolean;
    fields: ActivityFields;
  };
  options: SettingsOptions;
  userMappings: UserMapping[];
  /**
   * The label each mapped field had when last saved, by settings path ("customerApp.fields.company"):
   * when a field's code is changed in kintone, the field with the same label is offered in its place.
   */
  fieldLabels: Record<string, string>;
}

export type CustomerFieldKey = keyof CustomerFields;
export type ActivityFieldKey = keyof ActivityFields;

export const DEFAULT_OPTIONS: SettingsOptions = {
  autoRegister: true,
  initialWindowDays: 60,
  initialMaxRecords: 3000,
  syncIntervalHours: 24,
  fullSyncIntervalDays: 7,
};

/** A first visit: the customer app is this app; the template's field codes are offered as a start. */
export function emptyDraft(appId: string): Draft {
  return {
    backendUrl: "",
    connectionKey: "",
    frontAgentBaseUrl: "",
    customerApp: { appId, apiToken: "", tokenSet: false, fields: { ...TEMPLATE_CUSTOMER_FIELDS } },
    activityApp: {
      appId: "",
      apiToken: "",
      tokenSet: false,
      customerLink: true,
      fields: { ...TEMPLATE_ACTIVITY_FIELDS },
    },
    options: { ...DEFAULT_OPTIONS },
    userMappings: [],
    fieldLabels: {},
  };
}

/** The plug-in's setConfig keys. Everything non-secret; values are strings, as kintone requires. */
export interface PluginConfig {
  backendUrl: string;
  /** The non-secret settings as JSON (no tokens, no connection key). */
  settings: string;
}

/** The stored settings, non-secret parts (as setConfig keeps them and the backend's GET answers). */
export interface StoredParts {
  frontAgent?: { baseUrl: string };
  customerApp?: { appId: string; apiToken?: unknown; fields: Partial<CustomerFields> };
  activityApp?: { appId: string; apiToken?: unknown; customerLink: boolean; fields: Partial<ActivityFields> };
  options?: Partial<SettingsOptions>;
  userMappings?: UserMapping[];
  fieldLabels?: Record<string, string>;
}

const tokenIsSet = (token: unknown) =>
  typeof token === "object" && token !== null && (token as { set?: unknown }).set === true;

/** The draft as last saved: the plug-in config, refined by what the backend has stored (tokens set). */
export function draftFrom(appId: string, config: Record<string, string>, stored: StoredParts | null): Draft {
  const draft = emptyDraft(appId);
  draft.backendUrl = config.backendUrl ?? "";
  let saved: StoredParts = {};
  try {
    saved = config.settings ? (JSON.parse(config.settings) as StoredParts) : {};
  } catch {
    // A damaged value: start from the defaults rather than fail to open the screen.
  }
  for (const source of [saved, stored ?? {}]) {
    if (source.frontAgent) draft.frontAgentBaseUrl = source.frontAgent.baseUrl;
    if (source.customerApp) {
      draft.customerApp.fields = { ...draft.customerApp.fields, ...source.customerApp.fields };
      draft.customerApp.tokenSet ||= tokenIsSet(source.customerApp.apiToken);
    }
    if (source.activityApp) {
      draft.activityApp.appId = source.activityApp.appId;
      draft.activityApp.customerLink = source.activityApp.customerLink;
      draft.activityApp.fields = { ...draft.activityApp.fields, ...source.activityApp.fields };
      draft.activityApp.tokenSet ||= tokenIsSet(source.activityApp.apiToken);
    }
    if (source.options) draft.options = { ...draft.options, ...source.options };
    if (source.userMappings) draft.userMappings = source.userMappings;
    if (source.fieldLabels) draft.fieldLabels = { ...source.fieldLabels };
  }
  return draft;
}

const token = (value: string, set: boolean) =>
  value.trim() !== "" ? value.trim() : set ? { set: true } : "";

/** The PUT /v1/kintone/settings body (API.md): tokens typed now, or {set: true} to keep stored ones. */
export function settingsBody(draft: Draft, kintoneOrigin: string) {
  return {
    kintone: { baseUrl: kintoneOrigin },
    frontAgent: { baseUrl: draft.frontAgentBaseUrl.trim() },
    customerApp: {
      appId: draft.customerApp.appId,
      apiToken: token(draft.customerApp.apiToken, draft.customerApp.tokenSet),
      fields: draft.customerApp.fields,
    },
    activityApp: {
      appId: draft.activityApp.appId,
      apiToken: token(draft.activityApp.apiToken, draft.activityApp.tokenSet),
      customerLink: draft.activityApp.customerLink,
      fields: draft.activityApp.fields,
    },
    options: draft.options,
    userMappings: draft.userMappings,
  };
}

/** What setConfig stores: no secret, so any user of the app may read it without harm. */
export function pluginConfig(draft: Draft): PluginConfig {
  const { apiToken: _c, tokenSet: _cs, ...customerApp } = draft.customerApp;
  const { apiToken: _a, tokenSet: _as, ...activityApp } = draft.activityApp;
  return {
    backendUrl: draft.backendUrl.trim().replace(/\/+$/, ""),
    settings: JSON.stringify({
      frontAgent: { baseUrl: draft.frontAgentBaseUrl.trim() },
      customerApp,
      activityApp,
      options: draft.options,
      userMappings: draft.userMappings,
      fieldLabels: draft.fieldLabels,
    }),
  };
}

/**
 * The draft once the backend's stored settings arrive (they wait for the connection key): each part the
 * administrator has not touched since opening takes the stored value; a part they changed meanwhile stays
 * as they made it. Whether a token is stored is the backend's to say either way.
 */
export function withStored(current: Draft, opened: Draft, stored: Draft): Draft {
  const next = structuredClone(current);
  if (same(current.frontAgentBaseUrl, opened.frontAgentBaseUrl))
    next.frontAgentBaseUrl = stored.frontAgentBaseUrl;
  if (same(current.options, opened.options)) next.options = structuredClone(stored.options);
  if (same(current.userMappings, opened.userMappings))
    next.userMappings = structuredClone(stored.userMappings);
  if (same(current.fieldLabels, opened.fieldLabels)) next.fieldLabels = { ...stored.fieldLabels };
  for (const app of ["customerApp", "activityApp"] as const) {
    const { apiToken: _t, tokenSet: _s, ...now } = current[app];
    const { apiToken: _ot, tokenSet: _os, ...then } = opened[app];
    if (same(now, then)) {
      const { apiToken: _st, tokenSet: _ss, ...saved } = stored[app];
      Object.assign(next[app], structuredClone(saved));
    }
    next[app].tokenSet = stored[app].tokenSet;
  }
  return next;
}

/** Deep equality of JSON-like values, whatever the order of keys. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return (
    keysA.length === keysB.length &&
    keysA.every((key) => same((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
  );
}

/**
 * On a first visit the template's field codes are offered as a start; in an app not made from the
 * template they would all show as deleted fields. Those the app's form lacks are cleared instead (a code
 * the administrator chose is left alone, even when missing: that is worth a red row).
 */
export function withoutMissingDefaults<F extends Record<string, string | null>>(
  fields: F,
  defaults: Readonly<Record<string, string | null>>,
  form: Record<string, { fields?: Record<string, unknown> }>,
): F {
  const inForm = (code: string) =>
    code in form || Object.values(form).some((field) => field.fields !== undefined && code in field.fields);
  const out: Record<string, string | null> = { ...fields };
  for (const [key, code] of Object.entries(fields)) {
    if (code !== null && code === defaults[key] && !inForm(code)) out[key] = null;
  }
  return out as F;
}

/** The labels of the mapped fields as the forms have them now (kept with the settings on saving). */
export function mappedLabels(
  draft: Draft,
  forms: {
    customerApp: Record<string, { label?: string; fields?: Record<string, { label?: string }> }> | null;
    activityApp: Record<string, { label?: string; fields?: Record<string, { label?: string }> }> | null;
  },
): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const app of ["customerApp", "activityApp"] as const) {
    const form = forms[app];
    if (!form) continue;
    for (const [item, code] of Object.entries(draft[app].fields as Record<string, string | null>)) {
      if (!code) continue;
      const field =
        form[code] ??
        Object.values(form).find((f) => f.fields !== undefined && code in f.fields)?.fields?.[code];
      if (field?.label) labels[`${app}.fields.${item}`] = field.label;
    }
  }
  return labels;
}
