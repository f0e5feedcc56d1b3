import { type ErrorCode, isErrorCode } from "@front-agent/shared";
import { KintoneFailure } from "../../kintone/failure.ts";
import { OriginNotAllowedError } from "../../kintone/rest-gateway.ts";
import { SettingsNotFoundError } from "../settings.ts";

/** A catalogue code, or kintone's own code for a failure the catalogue has no words for. */
export type ImportFailureCode = ErrorCode | `KINTONE_${string}`;

/**
 * The catalogue code a failed run keeps as its `error`, so the status panel can say what to fix. Every
 * failure gets one: a run that ends without a reason leaves the administrator nothing to act on.
 */
export function importFailureCode(error: unknown): ImportFailureCode {
  if (error instanceof KintoneFailure) {
    switch (error.kind) {
      case "auth":
        return "KINTONE_AUTH_FAILED";
      case "permission":
        return "KINTONE_PERMISSION_DENIED";
      case "rate_limited":
        return "KINTONE_RATE_LIMITED";
      case "unavailable":
        return "KINTONE_UNAVAILABLE";
      case "redirect":
        return "KINTONE_REDIRECT";
      default:
        return `KINTONE_${(error.kintoneCode ?? error.kind).toUpperCase()}`;
    }
  }
  if (error instanceof OriginNotAllowedError) return "KINTONE_ORIGIN_NOT_ALLOWED";
  if (error instanceof SettingsNotFoundError) return "SETTINGS_NOT_FOUND";
  if (unreadableSecret(error)) return "IMPORT_TOKEN_UNREADABLE";
  // A typed error of ours that names its catalogue code is taken at its word.
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && isErrorCode(code)) return code;
  return "INTERNAL";
}

/**
 * Whether the run failed for a reason outside the backend (kintone's answer, the configuration): the run
 * says so and that is the end of it. Anything else is a fault of ours, worth a line in the error log too.
 */
export function isExpectedFailure(error: unknown): boolean {
  return importFailureCode(error) !== "INTERNAL";
}

/**
 * A stored token encrypted under another SECRET_KEY: AES-GCM's authentication fails on decrypting it.
 * Node's error for that has no code, only this message (and decryptSecret's own for a foreign format).
 */
function unreadableSecret(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return /unable to authenticate data|not an encrypted secret/.test(error.message);
}
