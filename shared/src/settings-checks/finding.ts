import type { ErrorCode, Language } from "../errors/catalogue.ts";
import { type MessageParam, messageAndFix } from "../errors/format.ts";
import type { CheckStatus } from "../schemas/check.ts";

/** A check before it is put into words: the language is the reader's, chosen when it is rendered. */
export interface Finding {
  id: string;
  status: CheckStatus;
  code: ErrorCode;
  params: Record<string, MessageParam>;
  /** The settings path it concerns, e.g. `customerApp.fields.company`. */
  field?: string;
}

/** API.md's Check: `{id, status, message, fix?, field?}`; the fix is the code's `_FIX` twin when it has one. */
export function renderFinding(f: Finding, language: Language) {
  return {
    id: f.id,
    status: f.status,
    ...messageAndFix(f.code, language, f.params),
    ...(f.field ? { field: f.field } : {}),
  };
}
