import type { ErrorCode, Language, MessageParam } from "@front-agent/shared";

/** The statuses the API answers a failure with (docs/api.md "Errors"). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 502 | 503;

/**
 * A failure that knows its answer (the hono way, without hono): its stable code from the shared catalogue
 * and the HTTP status, plus the text's parameters and the envelope's details. Services, storage and the
 * kintone gateway throw one for a known condition and stay free of routes and envelopes; http/on-error.ts
 * renders any of them, so no route maps an error and no map grows with each new one.
 */
export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  /** Not `status`: a KintoneFailure's `status` is the one kintone answered. */
  abstract readonly httpStatus: ErrorStatus;

  /** The parameters of the code's text (e.g. the refused kintone address); none by default. */
  params(): Record<string, MessageParam> {
    return {};
  }

  /** The envelope's `details`, worded in the caller's language where they hold words; none by default. */
  details(_language: Language): unknown {
    return undefined;
  }
}
