import type { Form } from "@front-agent/shared/settings-checks";
import type { BackendClient, Check } from "../backend.ts";
import type { Language } from "../i18n.ts";
import type { KintoneEnv } from "../kintone-env.ts";
import type { Draft } from "./draft.ts";

/** One app's preview form as the screen knows it. */
export interface FormState {
  status: "idle" | "loading" | "ready" | "error";
  form: Form | null;
  /** kintone's message when the form could not be read (no such app, no permission…). */
  error?: string;
}

export interface Forms {
  customer: FormState;
  activity: FormState;
}

/** What every section of the config screen is given. */
export interface SectionProps {
  env: KintoneEnv;
  language: Language;
  draft: Draft;
  /** Changes the draft (the change mutates a copy). */
  update(change: (draft: Draft) => void): void;
  /** Every current check, local and from the backend; a section shows those whose `field` it owns. */
  checks: Check[];
  /**
   * The backend through the proxy with the typed connection key, or null until a URL and a key are typed and
   * the backend accepted the key (a section that reads from it says it waits).
   */
  backend: BackendClient | null;
  forms: Forms;
  /**
   * A control holding input that cannot go into the draft (a half-typed number) says so, so saving
   * waits instead of storing the last good value unnoticed.
   */
  reportInvalid(control: string, invalid: boolean): void;
}
