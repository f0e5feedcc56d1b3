import { KintoneRestAPIError } from "@kintone/rest-api-client";
import { DomainError } from "../domain-error.ts";

/**
 * What went wrong with a kintone call, in the terms the services decide on. Carries kintone's code and
 * `errors` object for diagnosis; never a token, a header or a URL with credentials.
 */
export type KintoneFailureKind =
  | "auth" // the token or password is not accepted (GAIA_IA02/IA03, CB_AU01, CB_WA01, CB_TW02)
  | "permission" // accepted, but may not do this (GAIA_NO01, CB_NO02)
  | "not_found" // app or record gone (GAIA_AP01, GAIA_RE01)
  | "guest_space" // the app lives in a guest space (GAIA_IL23)
  | "validation" // kintone refused the input (CB_VA01 and friends)
  | "lookup" // a lookup key matched nothing (GAIA_LO04)
  | "conflict" // revision mismatch (GAIA_CO02)
  | "rate_limited" // 429: too many concurrent requests or cursors
  | "unavailable" // 5xx, maintenance page, network failure
  | "redirect" // 3xx: kintone never redirects, so the URL leads elsewhere; never followed (no-redirects.ts)
  | "unknown";

export class KintoneFailure extends DomainError {
  constructor(
    readonly kind: KintoneFailureKind,
    readonly status: number | null,
    readonly kintoneCode: string | null,
    readonly errors: Record<string, { messages: string[] }> | null,
    message: string,
  ) {
    super(message);
    this.name = "KintoneFailure";
  }

  get retryable(): boolean {
    return this.kind === "rate_limited" || this.kind === "unavailable";
  }

  /** What a request that met it answers: kintone's code and status only, never its message. */
  get code() {
    if (this.kind === "rate_limited") return "KINTONE_RATE_LIMITED";
    if (this.kind === "redirect") return "KINTONE_REDIRECT";
    return this.kind === "auth" ? "KINTONE_AUTH_FAILED" : "KINTONE_UNAVAILABLE";
  }

  get httpStatus() {
    return this.kind === "rate_limited" ? 429 : 502;
  }

  override details(): unknown {
    if (this.kind === "rate_limited" || this.kind === "redirect") return undefined;
    if (this.kind === "auth") return { kintoneCode: this.kintoneCode };
    return { kintoneCode: this.kintoneCode, status: this.status };
  }
}

const KIND_BY_CODE: Record<string, KintoneFailureKind> = {
  GAIA_IA02: "auth",
  GAIA_IA03: "auth",
  CB_AU01: "auth",
  CB_WA01: "auth",
  CB_TW02: "auth",
  GAIA_NO01: "permission",
  CB_NO02: "permission",
  GAIA_AP01: "not_found",
  GAIA_RE01: "not_found",
  GAIA_IL23: "guest_space",
  GAIA_LO04: "lookup",
  GAIA_CO02: "conflict",
  GAIA_TO04: "rate_limited",
  GAIA_TM12: "rate_limited",
};

/** Turns whatever the official client threw into a KintoneFailure. */
export function toKintoneFailure(error: unknown): KintoneFailure {
  if (error instanceof KintoneFailure) return error;
  if (error instanceof KintoneRestAPIError) {
    const kind = isRedirect(error.status)
      ? "redirect"
      : (KIND_BY_CODE[error.code] ?? kindByStatus(error.status));
    return new KintoneFailure(
      kind,
      error.status,
      error.code,
      (error.errors as KintoneFailure["errors"]) ?? null,
      `${error.code}: ${error.message}`,
    );
  }
  // The client throws a plain Error("503: Service Unavailable") for non-JSON answers (maintenance pages).
  const text = error instanceof Error ? error.message : String(error);
  const status = /^(\d{3}):/.exec(text)?.[1];
  if (status) return new KintoneFailure(kindByStatus(Number(status)), Number(status), null, null, text);
  // No response at all: connection refused, reset, DNS, timeout.
  return new KintoneFailure(
    "unavailable",
    null,
    null,
    null,
    `network error: ${(error as { code?: string })?.code ?? text}`,
  );
}

function isRedirect(status: number): boolean {
  return status >= 300 && status < 400;
}

function kindByStatus(status: number): KintoneFailureKind {
  if (isRedirect(status)) return "redirect";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "unavailable";
  if (status === 401) return "auth";
  if (status === 403) return "permission";
  if (status === 404) return "not_found";
  if (status === 409) return "conflict";
  if (status === 400) return "validation";
  return "unknown";
}
