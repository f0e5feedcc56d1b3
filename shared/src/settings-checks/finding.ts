import type { ErrorCode, Language } from "../errors/catalogue.ts";
import { messages } from "../errors/catalogue.ts";
import { formatMessage, type MessageParam } from "../errors/format.ts";

export type CheckStatus = "ok" | "warning" | "error";

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
  const format = formatMessage as (
    code: ErrorCode,
    language: Language,
    params?: Record<string, MessageParam>,
  ) => string;
  const fixCode = `${f.code}_FIX`;
  return {
    id: f.id,
    status: f.status,
    message: format(f.code, language, f.params),
    ...(fixCode in messages ? { fix: format(fixCode as ErrorCode, language, f.params) } : {}),
    ...(f.field ? { field: f.field } : {}),
  };
}
