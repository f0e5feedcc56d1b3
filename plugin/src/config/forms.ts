import type { Check } from "../backend.ts";
import type { Language } from "../i18n.ts";
import type { KintoneEnv } from "../kintone-env.ts";
import type { Draft } from "./draft.ts";
import type { Forms } from "./section-props.ts";

// STUB (to be written by the apps/fields helper): loads both apps' preview forms through kintone.api.
export function useForms(_env: KintoneEnv, _draft: Draft): Forms {
  return { customer: { status: "idle", form: null }, activity: { status: "idle", form: null } };
}

// STUB: the checks the screen can make itself from the preview forms (shared checkSettings).
export function localChecks(_draft: Draft, _forms: Forms, _language: Language): Check[] {
  return [];
}
