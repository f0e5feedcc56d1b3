import { DomainError } from "../../domain-error.ts";

/**
 * What the administrator's and Front Agent's export actions refuse (再送, 連携), as the catalogue code the
 * answer carries: the object is missing, or its state does not allow the action. Free of HTTP; one place
 * (http/on-error.ts) turns it into 404 or 409.
 */
const refusals = {
  EXPORT_NOT_FOUND: "missing",
  CUSTOMER_NOT_FOUND: "missing",
  /** The customer-app record chosen to link does not exist, or the import run asked about. */
  NOT_FOUND: "missing",
  /** A record page asks for the FA customer linked to a record that none is linked to. */
  CUSTOMER_NOT_LINKED: "missing",
  EXPORT_ALREADY_WRITTEN: "conflict",
  EXPORT_NOT_IN_REVIEW: "conflict",
  CUSTOMER_ALREADY_LINKED: "conflict",
} as const;

export type RefusalCode = keyof typeof refusals;

export class Refused extends DomainError {
  readonly httpStatus: 404 | 409;

  constructor(
    readonly code: RefusalCode,
    /** Shown to the caller as the answer's `details` (e.g. the customer that holds a record). */
    private readonly given?: Record<string, string>,
  ) {
    super(code);
    this.name = "Refused";
    this.httpStatus = refusals[code] === "missing" ? 404 : 409;
  }

  override details() {
    return this.given;
  }
}
