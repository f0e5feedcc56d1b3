import type { AppKey } from "@front-agent/shared";
import {
  type AppFacts,
  type CheckedSettings,
  checkSettings,
  type Form,
  renderFinding,
} from "@front-agent/shared/settings-checks";
import { useEffect, useMemo, useState } from "preact/hooks";
import type { Check } from "../../backend.ts";
import { type Language, t } from "../../i18n.ts";
import type { KintoneEnv } from "../../kintone-env.ts";
import type { Draft } from "../draft.ts";
import type { FormState, Forms } from "../section-props.ts";
import { fieldPath, isRequired, mapped, visibleItems } from "./items.ts";

/**
 * The preview (pre-live) form: what the administrator sees in App Settings > Form, including changes not
 * yet applied with アプリを更新 — so a field just added can be mapped at once (kintone-facts §1.5). It
 * needs the app-management permission, which the person on this screen has for the customer app.
 */
export const FORM_PATH = "/k/v1/preview/app/form/fields.json";

const IDLE: FormState = { status: "idle", form: null };
const LOADING: FormState = { status: "loading", form: null };

/** kintone.api rejects with kintone's error body ({code, message, id}); anything else is shown as is. */
export function kintoneErrorText(error: unknown): string {
  if (typeof error === "object" && error !== null) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (typeof message === "string" && message !== "")
      return typeof code === "string" ? `${message} (${code})` : message;
  }
  return error instanceof Error ? error.message : String(error);
}

function useForm(env: KintoneEnv, appId: string): FormState {
  // Keyed by app id, so a form is never shown for the app picked after it, even for one render.
  const [loaded, setLoaded] = useState<{ appId: string; state: FormState } | null>(null);
  useEffect(() => {
    if (appId === "") return;
    let current = true;
    env.api<{ properties: Form }>(FORM_PATH, "GET", { app: appId }).then(
      (answer) => {
        if (current) setLoaded({ appId, state: { status: "ready", form: answer.properties } });
      },
      (error: unknown) => {
        if (current)
          setLoaded({ appId, state: { status: "error", form: null, error: kintoneErrorText(error) } });
      },
    );
    return () => {
      current = false;
    };
  }, [env, appId]);
  if (appId === "") return IDLE;
  return loaded?.appId === appId ? loaded.state : LOADING;
}

/** Both apps' preview forms, reloaded when an app id changes. */
export function useForms(env: KintoneEnv, draft: Draft): Forms {
  const customer = useForm(env, draft.customerApp.appId);
  const activity = useForm(env, draft.activityApp.appId);
  return useMemo(() => ({ customer, activity }), [customer, activity]);
}

const stateOf = (forms: Forms, app: AppKey) => (app === "customerApp" ? forms.customer : forms.activity);

/**
 * The checks the screen can make at once, before any save: the shared checkSettings over the preview
 * forms, plus the choices the form is not needed for (an app picked, required items, no field twice).
 * Token permissions are left to the backend: no browser API can tell what a token may do (facts §5.4).
 */
export function localChecks(draft: Draft, forms: Forms, language: Language): Check[] {
  const facts = (app: AppKey): AppFacts => ({ reach: "ok", permissions: {}, form: stateOf(forms, app).form });
  const settings: CheckedSettings = {
    kintone: { baseUrl: "" },
    customerApp: { appId: draft.customerApp.appId, fields: draft.customerApp.fields },
    activityApp: {
      appId: draft.activityApp.appId,
      customerLink: draft.activityApp.customerLink,
      fields: draft.activityApp.fields,
    },
    options: { autoRegister: draft.options.autoRegister },
  };
  const found = checkSettings(settings, {
    originAllowed: true,
    customerApp: facts("customerApp"),
    activityApp: facts("activityApp"),
  })
    // An app whose form is not read yet has nothing to say (not even "ok"); a failed one says so below.
    .filter((f) => stateOf(forms, f.id.startsWith("activityApp") ? "activityApp" : "customerApp").form)
    .map((f): Check => renderFinding(f, language));
  return [
    ...appChecks(draft, forms, language),
    ...mappingChecks(draft, "customerApp", language),
    ...mappingChecks(draft, "activityApp", language),
    ...found,
  ];
}

function appChecks(draft: Draft, forms: Forms, language: Language): Check[] {
  const out: Check[] = [];
  const activityId = draft.activityApp.appId;
  if (activityId === "") {
    out.push({
      id: "activityApp.app",
      status: "error",
      message: t(language, "activityAppMissing"),
      fix: t(language, "activityAppMissingFix"),
      field: "activityApp.appId",
    });
  } else if (activityId === draft.customerApp.appId) {
    out.push({
      id: "activityApp.app",
      status: "error",
      message: t(language, "sameApp", { appId: activityId }),
      fix: t(language, "activityAppMissingFix"),
      field: "activityApp.appId",
    });
  }
  for (const app of ["customerApp", "activityApp"] as const) {
    const state = stateOf(forms, app);
    if (state.status !== "error") continue;
    out.push({
      id: `${app}.form`,
      status: "error",
      message: t(language, "formFailed", { appId: draft[app].appId, reason: state.error ?? "" }),
      fix: t(language, "formFailedFix"),
      field: `${app}.appId`,
    });
  }
  return out;
}

/** Required items left empty, and a field picked a second time (an error on the later item). */
function mappingChecks(draft: Draft, app: AppKey, language: Language): Check[] {
  const out: Check[] = [];
  const items = visibleItems(app, draft);
  const firstItem = new Map<string, string>();
  for (const item of items) {
    const code = mapped(draft, item);
    const path = fieldPath(item);
    const label = t(language, item.label);
    if (code === null) {
      if (isRequired(item))
        out.push({
          id: `${path}.required`,
          status: "error",
          message: t(language, "itemRequired", { item: label }),
          field: path,
        });
      continue;
    }
    const other = firstItem.get(code);
    if (other === undefined) {
      firstItem.set(code, label);
      continue;
    }
    out.push({
      id: `${path}.twice`,
      status: "error",
      message: t(language, "fieldTwice", { code, other }),
      fix: t(language, "fieldTwiceFix"),
      field: path,
    });
  }
  if (app === "customerApp") out.push(...nameChecks(draft, language));
  return out;
}

/** 氏名, or 姓 and 名 together (API.md): the missing part is marked, or 氏名 when nothing is picked. */
function nameChecks(draft: Draft, language: Language): Check[] {
  const { name, lastName, firstName } = draft.customerApp.fields;
  if (name !== null) return [];
  const missing = [...(lastName === null ? ["lastName"] : []), ...(firstName === null ? ["firstName"] : [])];
  return (missing.length === 2 ? ["name"] : missing).map((key) => ({
    id: `customerApp.fields.${key}.required`,
    status: "error",
    message: t(language, "nameRequired"),
    field: `customerApp.fields.${key}`,
  }));
}
