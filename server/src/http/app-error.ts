import type { ErrorCode, MessageParam } from "@front-agent/shared";
import { DomainError, type ErrorStatus } from "../domain-error.ts";

/**
 * An answer a route or a middleware decides itself (a bad signature, a refused save, a body that is not
 * JSON): the status, a code of the shared catalogue, optional details and the text's parameters, given as
 * they are. Failures of services carry their own answer (DomainError); onError renders both alike.
 */
export class AppError extends DomainError {
  constructor(
    readonly httpStatus: ErrorStatus,
    readonly code: ErrorCode,
    private readonly given?: unknown,
    private readonly values: Record<string, MessageParam> = {},
  ) {
    super(code);
    this.name = "AppError";
  }

  override params(): Record<string, MessageParam> {
    return this.values;
  }

  override details(): unknown {
    return this.given;
  }
}
