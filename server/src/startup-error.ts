import { formatCode, type MessageParams, type StartupCode } from "@front-agent/shared";

/**
 * Why the backend will not start: a stable code from the shared catalogue, its parameters, and the cause.
 * main.ts logs it as one JSON line (the English text, which says what to do) and exits with code 2, so a
 * process manager and an operator can tell a fixable setup problem from a crash (exit 1).
 */
export class StartupError<C extends StartupCode = StartupCode> extends Error {
  readonly code: C;
  readonly params: MessageParams<C>;

  constructor(code: C, params: MessageParams<C>, options?: ErrorOptions) {
    super(formatCode(code, "en", params), options);
    this.name = "StartupError";
    this.code = code;
    this.params = params;
  }
}
