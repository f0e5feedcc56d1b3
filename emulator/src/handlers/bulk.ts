import { fieldMessages, validation } from "../errors/catalogue.ts";
import { BulkRequestError, KintoneError } from "../errors/kintone-error.ts";
import { parseApiPath } from "../http/paths.ts";
import type { Handler, KintoneRequest, Method } from "./context.ts";

/** kintone runs at most 20 sub-requests in one bulkRequest (facts §1.6). */
export const BULK_LIMIT = 20;

/** The APIs bulkRequest accepts: record writes only (facts §1.6). */
const ALLOWED = new Set(["POST record", "PUT record", "POST records", "PUT records", "DELETE records"]);

/**
 * POST /k/v1/bulkRequest.json: the sub-requests run in order inside the request's journal; the first
 * failure rolls everything back and answers with its error at its index and `{}` everywhere else.
 */
export function bulkRequest(dispatch: (req: KintoneRequest) => unknown): Handler {
  return (req) => {
    const requests = req.params.requests;
    if (!Array.isArray(requests) || requests.length === 0)
      throw validation({ requests: [fieldMessages.requiredParameter] });
    if (requests.length > BULK_LIMIT) throw validation({ requests: [fieldMessages.bulkLimit] });
    const results: unknown[] = [];
    for (let i = 0; i < requests.length; i++) {
      const sub = (requests[i] ?? {}) as { method?: unknown; api?: unknown; payload?: unknown };
      const method = String(sub.method ?? "").toUpperCase() as Method;
      const path = parseApiPath(String(sub.api ?? ""));
      try {
        if (path?.kind !== "kintone" || !ALLOWED.has(`${method} ${path.resource}`)) {
          throw validation({ [`requests[${i}].api`]: [fieldMessages.badValue] });
        }
        if (path.guestSpaceId !== req.guestSpaceId)
          throw validation({ [`requests[${i}].api`]: [fieldMessages.badValue] });
        results.push(
          dispatch({
            ...req,
            method,
            resource: path.resource,
            params: (sub.payload ?? {}) as Record<string, unknown>,
          }),
        );
      } catch (error) {
        if (!(error instanceof KintoneError)) throw error;
        throw new BulkRequestError(error, i, requests.length);
      }
    }
    return { results };
  };
}
