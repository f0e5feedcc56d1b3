import type { ErrorCode } from "../errors/catalogue.ts";
import { formatCode, type MessageParams } from "../errors/format.ts";

/**
 * The options of a custom zod issue: English text by default (zod's own messages are English), and the
 * catalogue code in `params.messageCode` so the server or the plug-in can render it in the reader's language.
 */
export function issueFor<C extends ErrorCode>(
  code: C,
  params: MessageParams<C>,
): { message: string; params: Record<string, unknown> } {
  return { message: formatCode(code, "en", params), params: { messageCode: code, ...params } };
}
