import {
  type ErrorCode,
  type Language,
  messages,
  pickLanguage,
  renderFinding,
  unknownCustomerIssues,
} from "@front-agent/shared";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { KintoneFailure } from "../kintone/failure.ts";
import { OriginNotAllowedError } from "../kintone/rest-gateway.ts";
import { UnknownCustomerError } from "../services/exports/intake.ts";
import { Refused } from "../services/exports/refused.ts";
import { ImportAlreadyRunningError } from "../services/import-runs.ts";
import { SettingsNotFoundError, TokenRequiredError } from "../services/settings.ts";
import { InvalidCursorError } from "../storage/index.ts";
import { AppError } from "./app-error.ts";

type Format = (code: string, language: Language, params?: Record<string, string | number>) => string;

/** One place turns every failure into API.md's envelope `{error: {code, message, details?}}`. */
export function errorResponse(
  error: unknown,
  c: Context,
  format: Format,
  log: (entry: object) => void,
): Response {
  const language = pickLanguage(c.req.header("accept-language"));
  const app = toAppError(error, language);
  if (app.status >= 500 || app.code === "INTERNAL") {
    // Logged by kind and code only: errors from kintone or the database never carry a secret, and the
    // request body (which may hold tokens) is never logged.
    log({ level: "error", msg: "request failed", code: app.code, path: c.req.path, error: describe(error) });
  }
  const body = {
    error: {
      code: app.code,
      message: app.code in messages ? format(app.code as ErrorCode, language, app.params) : app.code,
      ...(app.details === undefined ? {} : { details: app.details }),
    },
  };
  return c.json(body, app.status as ContentfulStatusCode);
}

/**
 * The errors services, storage and the kintone gateway throw for a known condition, each with its code and
 * status. They stay free of HTTP; routes let them through, and only an unknown failure is a 500.
 */
function fromDomainError(error: unknown, language: Language): AppError | null {
  if (error instanceof KintoneFailure) {
    if (error.kind === "rate_limited") return new AppError(429, "KINTONE_RATE_LIMITED");
    if (error.kind === "redirect") return new AppError(502, "KINTONE_REDIRECT");
    if (error.kind === "auth")
      return new AppError(502, "KINTONE_AUTH_FAILED", { kintoneCode: error.kintoneCode });
    return new AppError(502, "KINTONE_UNAVAILABLE", { kintoneCode: error.kintoneCode, status: error.status });
  }
  // A route that needs the stored settings, before the plug-in saved any.
  if (error instanceof SettingsNotFoundError) return new AppError(404, "SETTINGS_NOT_FOUND");
  // Settings saved under KINTONE_ALLOWED_ORIGINS that the operator has since narrowed: nothing is sent.
  if (error instanceof OriginNotAllowedError)
    return new AppError(422, "KINTONE_ORIGIN_NOT_ALLOWED", undefined, { url: error.url });
  // An export or link action refused: the object is missing (404), or its state does not allow it (409).
  if (error instanceof Refused)
    return new AppError(error.kind === "missing" ? 404 : 409, error.code, error.details);
  if (error instanceof ImportAlreadyRunningError)
    return new AppError(409, "IMPORT_ALREADY_RUNNING", { runId: error.runId });
  // An event naming an id-only customer the backend lacks: answered like a schema failure (same code, same
  // details), so Front Agent fixes and resends it.
  if (error instanceof UnknownCustomerError)
    return new AppError(422, "VALIDATION_FAILED", {
      issues: unknownCustomerIssues(error.customerId, language),
    });
  // `{"set": true}` for a token stored for another kintone or app: the checks name the token fields.
  if (error instanceof TokenRequiredError) {
    const checks = error.findings.map((f) => renderFinding(f, language));
    return new AppError(422, "SETTINGS_INVALID", { checks });
  }
  if (error instanceof InvalidCursorError) {
    return new AppError(400, "VALIDATION_FAILED", {
      issues: [{ path: "cursor", message: "not a cursor from this API" }],
    });
  }
  return null;
}

function toAppError(error: unknown, language: Language): AppError {
  if (error instanceof AppError) return error;
  const known = fromDomainError(error, language);
  if (known) return known;
  if (error instanceof HTTPException) {
    if (error.status === 413) return new AppError(413, "PAYLOAD_TOO_LARGE");
    if (error.status === 400) return new AppError(400, "INVALID_JSON");
  }
  return new AppError(500, "INTERNAL");
}

function describe(error: unknown): string {
  if (error instanceof KintoneFailure)
    return `${error.kind} ${error.kintoneCode ?? ""} ${error.status ?? ""}`.trim();
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
