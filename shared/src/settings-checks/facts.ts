/**
 * What the backend learned about one kintone app before the checks run: whether its token is accepted,
 * the permission probes' answers and the live form. Gathered by I/O elsewhere; judged here.
 */

/**
 * A permission probe's answer (server/src/kintone/probes.ts, docs/kintone-probes.md): kintone allowed the
 * request, refused it for the permission, or refused it for another reason, which tells neither.
 */
export type ProbeResult = "granted" | "missing" | "granted_unverified";

/**
 * `token_required`: `{set: true}` named a stored token that may not be used here (stored for another kintone
 * or another app, or none stored), so kintone was not asked. `redirected`: kintone's address answered with
 * a redirect, which is never followed.
 */
export type AppReach =
  | "ok"
  | "token_invalid"
  | "token_required"
  | "app_not_found"
  | "guest_space"
  | "redirected";

export interface FormField {
  type: string;
  code: string;
  label?: string;
  required?: boolean;
  unique?: boolean;
  lookup?: {
    relatedApp: { app: string };
    relatedKeyField: string;
    fieldMappings: Array<{ field: string; relatedField: string }>;
  };
  fields?: Record<string, FormField>;
}

export type Form = Record<string, FormField>;

export interface AppFacts {
  reach: AppReach;
  permissions: Partial<Record<"view" | "add" | "edit" | "manage", ProbeResult>>;
  /** The live form, or null when it could not be read. */
  form: Form | null;
}

export interface SettingsFacts {
  originAllowed: boolean;
  customerApp: AppFacts;
  activityApp: AppFacts;
  /** The backend's kintone requests today per app id, and kintone's daily limit (when the backend knows). */
  dailyUse?: { used: Record<string, number>; limit: number };
  /** The operator's ceiling on the first import's cap (MAX_INITIAL_RECORDS), when the backend judges. */
  maxInitialRecords?: number;
}
