/**
 * An error the API answers with: a stable code from the shared catalogue, an HTTP status, optional
 * details (e.g. the settings checks) and message parameters. Routes and services throw it; one onError
 * renders it as API.md's envelope in the caller's language.
 */
export class AppError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 502 | 503,
    readonly code: string,
    readonly details?: unknown,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = "AppError";
  }
}
