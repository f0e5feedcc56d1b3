import type { MessageParam } from "../errors/format.ts";
import { fieldTypeLabels, tokenPermissionLabels } from "../errors/labels.ts";
import type { AppKey } from "../schemas/settings.ts";
import type { AppFacts, Form, FormField, SettingsFacts } from "./facts.ts";
import { ACTIVITY_FIELD_TYPES, CUSTOMER_FIELD_TYPES, NEVER_NEEDS_A_VALUE } from "./field-rules.ts";
import type { Finding } from "./finding.ts";

/** The parts of Settings the checks read (structural, so a half-filled screen can be checked too). */
export interface CheckedSettings {
  kintone: { baseUrl: string };
  customerApp: { appId: string; fields: Partial<Record<keyof typeof CUSTOMER_FIELD_TYPES, string | null>> };
  activityApp: {
    appId: string;
    customerLink: boolean;
    fields: Partial<Record<keyof typeof ACTIVITY_FIELD_TYPES, string | null>>;
  };
  options: { autoRegister: boolean; initialMaxRecords?: number };
}

const PERMISSIONS = ["view", "add", "edit", "manage"] as const;

/**
 * Judges settings against what kintone said (SPEC S3–S7): token validity and permissions, each mapped
 * field present and of a compatible type, 顧客名 unique (from 姓 + 名: a warning saying how duplicates are
 * avoided instead), 会社名 single-line, the activity app's lookup on the customer app's record number, and
 * required fields the integration would leave empty.
 */
export function checkSettings(settings: CheckedSettings, facts: SettingsFacts): Finding[] {
  if (!facts.originAllowed) {
    return [
      {
        id: "kintone.origin",
        status: "error",
        code: "CHECK_ORIGIN_NOT_ALLOWED",
        params: { url: settings.kintone.baseUrl },
        field: "kintone.baseUrl",
      },
    ];
  }
  return [
    ...redirectFindings(settings, facts),
    ...checkApp("customerApp", settings, facts.customerApp, facts),
    ...checkApp("activityApp", settings, facts.activityApp, facts),
    ...dailyUseFindings(settings, facts),
    ...initialCeilingFindings(settings, facts),
  ];
}

/**
 * SPEC I9: the first import's cap is the administrator's to lower, and to raise only up to the operator's
 * ceiling (MAX_INITIAL_RECORDS): above it the backend would read more in one run than its operator allows.
 */
function initialCeilingFindings(settings: CheckedSettings, facts: SettingsFacts): Finding[] {
  const ceiling = facts.maxInitialRecords;
  const cap = settings.options.initialMaxRecords;
  if (ceiling === undefined || cap === undefined || cap <= ceiling) return [];
  return [
    {
      id: "options.maxRecords",
      status: "error",
      code: "CHECK_INITIAL_MAX_RECORDS_OVER_CEILING",
      params: { value: cap.toLocaleString("en-US"), max: ceiling.toLocaleString("en-US") },
      field: "options.initialMaxRecords",
    },
  ];
}

/**
 * The share of kintone's daily request limit the backend uses before its work waits for the next day;
 * the rest is left to the domain's other integrations. One number for the backend, the 診断 and the screen.
 */
export const DAILY_BUDGET_SHARE = 0.8;

/** SPEC 診断: today's API use per app; a warning once the backend's share is nearly spent. */
function dailyUseFindings(settings: CheckedSettings, facts: SettingsFacts): Finding[] {
  if (!facts.dailyUse) return [];
  const { used, limit } = facts.dailyUse;
  const appIds = [
    ...new Set([settings.customerApp.appId, settings.activityApp.appId].filter((id) => id !== "")),
  ];
  return appIds.map((appId) => {
    const count = used[appId] ?? 0;
    const high = count >= limit * DAILY_BUDGET_SHARE * 0.9;
    return {
      id: `kintone.dailyUse.${appId}`,
      status: high ? ("warning" as const) : ("ok" as const),
      code: high ? ("CHECK_DAILY_USE_HIGH" as const) : ("CHECK_DAILY_USE" as const),
      params: { appId, used: count, limit, share: Math.round(limit * DAILY_BUDGET_SHARE) },
    };
  });
}

/**
 * kintone's REST API never redirects: a redirect says the address leads elsewhere, so it is one finding
 * about the address (not one per app), and nothing more is known about an app whose requests were redirected.
 */
function redirectFindings(settings: CheckedSettings, facts: SettingsFacts): Finding[] {
  if (facts.customerApp.reach !== "redirected" && facts.activityApp.reach !== "redirected") return [];
  return [
    {
      id: "kintone.redirect",
      status: "error",
      code: "CHECK_KINTONE_REDIRECT",
      params: { url: settings.kintone.baseUrl },
      field: "kintone.baseUrl",
    },
  ];
}

function checkApp(key: AppKey, settings: CheckedSettings, app: AppFacts, facts: SettingsFacts): Finding[] {
  const appId = settings[key].appId;
  if (app.reach === "redirected") return [];
  const reach = reachFinding(key, appId, app);
  if (reach) return [reach];
  const out: Finding[] = [];
  for (const permission of PERMISSIONS) {
    const result = app.permissions[permission];
    const params = { appId, permission: tokenPermissionLabels[permission] };
    if (result === "missing") {
      out.push({
        id: `${key}.token.${permission}`,
        status: "error",
        code: "CHECK_TOKEN_PERMISSION_MISSING",
        params,
        field: `${key}.apiToken`,
      });
    } else if (result === "granted_unverified") {
      out.push({
        id: `${key}.token.${permission}`,
        status: "warning",
        code: "CHECK_TOKEN_PERMISSION_UNVERIFIABLE",
        params,
        field: `${key}.apiToken`,
      });
    }
  }
  if (app.form) {
    out.push(
      ...(key === "customerApp"
        ? customerFields(settings, app.form)
        : activityFields(settings, app.form, facts)),
    );
    out.push(...requiredUnmapped(key, settings, app.form));
  }
  if (!out.some((f) => f.status === "error"))
    out.push({ id: key, status: "ok", code: "CHECK_OK", params: {} });
  return out;
}

function reachFinding(key: AppKey, appId: string, app: AppFacts): Finding | null {
  switch (app.reach) {
    case "token_invalid":
      return {
        id: `${key}.token`,
        status: "error",
        code: "CHECK_TOKEN_INVALID",
        params: { appId },
        field: `${key}.apiToken`,
      };
    case "token_required":
      return tokenRequiredFinding(key, appId);
    case "app_not_found":
      return {
        id: `${key}.app`,
        status: "error",
        code: "CHECK_APP_NOT_FOUND",
        params: { appId },
        field: `${key}.appId`,
      };
    case "guest_space":
      return {
        id: `${key}.app`,
        status: "error",
        code: "CHECK_GUEST_SPACE",
        params: { appId },
        field: `${key}.appId`,
      };
    default:
      return null;
  }
}

/**
 * `{set: true}` keeps a stored token only for the kintone and the app it was stored for: the token has to
 * be given again (also what the import preview answers when it cannot use a stored token).
 */
export function tokenRequiredFinding(key: AppKey, appId: string): Finding {
  return {
    id: `${key}.token`,
    status: "error",
    code: "CHECK_TOKEN_REQUIRED",
    params: { appId },
    field: `${key}.apiToken`,
  };
}

function customerFields(settings: CheckedSettings, form: Form): Finding[] {
  const { appId, fields } = settings.customerApp;
  const out = mappedFields("customerApp", appId, fields, CUSTOMER_FIELD_TYPES, form);
  const name = fields.name ? form[fields.name] : undefined;
  if (name?.type === "SINGLE_LINE_TEXT" && !name.unique) {
    out.push({
      id: "customerApp.fields.name.unique",
      status: "error",
      code: "CHECK_NAME_NOT_UNIQUE",
      params: { code: name.code },
      field: "customerApp.fields.name",
    });
  }
  if (!fields.name && fields.lastName && fields.firstName) {
    // S5 with 姓 + 名: 値の重複を禁止する works on one field only, so there is nothing to turn on and no
    // error to give; the administrator is told instead how the integration keeps one record per person.
    // Under the 名 picker, the second of the pair, so it reads as a note on both.
    out.push({
      id: "customerApp.fields.name.parts",
      status: "warning",
      code: "CHECK_NAME_PARTS_NOT_UNIQUE",
      params: { lastName: fields.lastName, firstName: fields.firstName },
      field: "customerApp.fields.firstName",
    });
  }
  return out;
}

function activityFields(settings: CheckedSettings, form: Form, facts: SettingsFacts): Finding[] {
  const { appId, fields, customerLink } = settings.activityApp;
  // Lookup on: it carries company and name; lookup off: text fields do, and no lookup is needed.
  const relevant = { ...fields, customerLookup: customerLink ? fields.customerLookup : null };
  if (customerLink) {
    relevant.company = null;
    relevant.name = null;
  }
  const out = mappedFields("activityApp", appId, relevant, ACTIVITY_FIELD_TYPES, form);
  if (customerLink && fields.customerLookup) {
    const lookupField = form[fields.customerLookup];
    if (lookupField) out.push(...lookupFindings(lookupField, settings, facts));
  }
  if (!customerLink) out.push(...copyTargetFindings(fields, form));
  if (!fields.eventId) {
    // Not wrong, but the administrator should know how double writes are then prevented (SPEC E5).
    out.push({
      id: "activityApp.fields.eventId.unmapped",
      status: "warning",
      code: "CHECK_EVENT_ID_UNMAPPED",
      params: {},
      field: "activityApp.fields.eventId",
    });
  }
  const eventId = fields.eventId ? form[fields.eventId] : undefined;
  if (eventId?.type === "SINGLE_LINE_TEXT" && !eventId.unique) {
    out.push({
      id: "activityApp.fields.eventId.unique",
      status: "warning",
      code: "CHECK_EVENT_ID_NOT_UNIQUE",
      params: { code: eventId.code },
      field: "activityApp.fields.eventId",
    });
  }
  return out;
}

/**
 * Link off: company and name are written as text. kintone ignores a write to a field a lookup copies into
 * (the lookup owns it), so mapping one there would lose the value without any error (facts: lookups).
 */
function copyTargetFindings(fields: CheckedSettings["activityApp"]["fields"], form: Form): Finding[] {
  const copiedBy = new Map<string, string>();
  for (const field of Object.values(form))
    for (const m of field.lookup?.fieldMappings ?? []) copiedBy.set(m.field, field.code);
  const out: Finding[] = [];
  for (const slot of ["company", "name"] as const) {
    const code = fields[slot];
    const lookup = code ? copiedBy.get(code) : undefined;
    if (!code || !lookup) continue;
    out.push({
      id: `activityApp.fields.${slot}.copyTarget`,
      status: "error",
      code: "CHECK_LOOKUP_COPY_TARGET",
      params: { code, lookup },
      field: `activityApp.fields.${slot}`,
    });
  }
  return out;
}

function lookupFindings(field: FormField, settings: CheckedSettings, facts: SettingsFacts): Finding[] {
  const customerAppId = settings.customerApp.appId;
  const id = "activityApp.fields.customerLookup";
  if (!field.lookup) {
    return [
      {
        id: `${id}.lookup`,
        status: "error",
        code: "CHECK_NOT_LOOKUP",
        params: { code: field.code, appId: customerAppId },
        field: id,
      },
    ];
  }
  if (String(field.lookup.relatedApp.app) !== String(customerAppId)) {
    return [
      {
        id: `${id}.source`,
        status: "error",
        code: "CHECK_LOOKUP_SOURCE",
        params: { code: field.code, appId: customerAppId, actualAppId: String(field.lookup.relatedApp.app) },
        field: id,
      },
    ];
  }
  const customerForm = facts.customerApp.form;
  const recordNumber =
    settings.customerApp.fields.recordNumber ??
    Object.values(customerForm ?? {}).find((f) => f.type === "RECORD_NUMBER")?.code ??
    "レコード番号";
  if (field.lookup.relatedKeyField !== recordNumber) {
    return [
      {
        id: `${id}.key`,
        status: "error",
        code: "CHECK_LOOKUP_KEY",
        params: { code: field.code, key: field.lookup.relatedKeyField, expected: recordNumber },
        field: id,
      },
    ];
  }
  return [];
}

/** Each mapped item: the field exists (at the top or inside a table) and its type fits the item. */
function mappedFields<K extends string>(
  key: AppKey,
  appId: string,
  fields: Partial<Record<K, string | null>>,
  types: Record<K, readonly string[]>,
  form: Form,
): Finding[] {
  const out: Finding[] = [];
  for (const slot of Object.keys(types) as K[]) {
    const code = fields[slot];
    if (!code) continue;
    const path = `${key}.fields.${slot}`;
    const field = findField(form, code);
    if (!field) {
      out.push({
        id: path,
        status: "error",
        code: "CHECK_FIELD_MISSING",
        params: { appId, code },
        field: path,
      });
      continue;
    }
    const allowed = types[slot];
    if (!allowed.includes(field.type)) {
      const isCompany = key === "customerApp" && slot === "company";
      out.push({
        id: path,
        status: "error",
        code: isCompany ? "CHECK_COMPANY_NOT_SINGLE_LINE" : "CHECK_FIELD_TYPE",
        params: { code, actual: typeLabel(field.type), expected: labelList(allowed) },
        field: path,
      });
    }
  }
  return out;
}

/**
 * SPEC S7: a required field the integration never fills makes kintone refuse every write. The customer
 * app is only written by auto-registration (顧客名 and 会社名), so its other required fields matter only then.
 */
function requiredUnmapped(key: AppKey, settings: CheckedSettings, form: Form): Finding[] {
  if (key === "customerApp" && !settings.options.autoRegister) return [];
  const appId = settings[key].appId;
  const filled = new Set<string>();
  if (key === "customerApp") {
    const f = settings.customerApp.fields;
    for (const code of [f.name, f.lastName, f.firstName, f.company]) if (code) filled.add(code);
  } else {
    const f = settings.activityApp.fields;
    const lookupOn = settings.activityApp.customerLink;
    for (const [slot, code] of Object.entries(f)) {
      if (!code) continue;
      if (lookupOn && (slot === "company" || slot === "name")) continue;
      if (!lookupOn && slot === "customerLookup") continue;
      filled.add(code);
    }
    // Fields a mapped lookup copies into are filled by kintone itself.
    const lookup = lookupOn && f.customerLookup ? form[f.customerLookup]?.lookup : undefined;
    for (const m of lookup?.fieldMappings ?? []) filled.add(m.field);
  }
  return Object.values(form)
    .filter((field) => field.required && !NEVER_NEEDS_A_VALUE.has(field.type) && !filled.has(field.code))
    .map((field) => ({
      id: `${key}.required.${field.code}`,
      status: "error" as const,
      code: "CHECK_REQUIRED_UNMAPPED" as const,
      params: { appId, code: field.code },
    }));
}

function findField(form: Form, code: string): FormField | undefined {
  if (form[code]) return form[code];
  for (const field of Object.values(form))
    if (field.type === "SUBTABLE" && field.fields?.[code]) return field.fields[code];
  return undefined;
}

function typeLabel(type: string): MessageParam {
  return (fieldTypeLabels as Record<string, { ja: string; en: string }>)[type] ?? type;
}

function labelList(types: readonly string[]): MessageParam {
  const labels = types.map((t) => typeLabel(t));
  const join = (lang: "ja" | "en") =>
    labels.map((l) => (typeof l === "object" ? l[lang] : String(l))).join(lang === "ja" ? "・" : ", ");
  return { ja: join("ja"), en: join("en") };
}
