import {
  type ErrorCode,
  formatCode,
  type Language,
  type MessageParam,
  pickLanguage,
} from "@front-agent/shared";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { DomainError } from "../domain-error.ts";
import { KintoneFailure } from "../kintone/failure.ts";
import { AppError } from "./app-error.ts";

/** API.md's envelope `{error: {code, message, details?}}`, the message in the caller's language. */
export function errorBody(
  code: ErrorCode,
  language: Language,
  params: Record<string, MessageParam> = {},
  details?: unknown,
) {
  return {
    error: {
      code,
      message: formatCode(code, language, params),
      ...(details === undefined ? {} : { details }),
    },
  };
}

/**
 * One place turns every failure into API.md's envelope. Each known failure carries its answer (DomainError:
 * code, status, parameters, details), so nothing here names a service's error; only an unknown one is a 500.
 */
export function errorResponse(error: unknown, c: Context, log: (entry: object) => void): Response {
  const language = pickLanguage(c.req.header("accept-language"));
  const known = toDomainError(error);
  if (known.httpStatus >= 500 || known.code === "INTERNAL") {
    // Logged by kind and code only: errors from kintone or the database never carry a secret, and the
    // request body (which may hold tokens) is never logged.
    log({
      level: "error",
      msg: "request failed",
      code: known.code,
      path: c.req.path,
      error: describe(error),
    });
  }
  return c.json(errorBody(known.code, language, known.params(), known.details(language)), known.httpStatus);
}

function toDomainError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  // hono's own: the body limit's 413 and a JSON body it could not parse.
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
