import { DomainError } from "../domain-error.ts";
/** A `cursor` query parameter that this server did not hand out: 400 naming it, like a bad parameter. */
export class InvalidCursorError extends DomainError {
  readonly code = "VALIDATION_FAILED";
  readonly httpStatus = 400;

  constructor() {
    super("invalid cursor");
    this.name = "InvalidCursorError";
  }

  override details() {
    return { issues: [{ path: "cursor", message: "not a cursor from this API" }] };
  }
}

/**
 * Keyset cursors are opaque to clients (base64url of a small JSON object), so the ordering behind them can
 * change later without breaking the API's contract; today it holds the last id of the page.
 */
export function encodeCursor(lastId: string): string {
  return Buffer.from(JSON.stringify({ after: lastId }), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): string {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (typeof value === "object" && value !== null && "after" in value && typeof value.after === "string") {
      return value.after;
    }
  } catch {
    // falls through: not base64url JSON
  }
  throw new InvalidCursorError();
}
