import type https from "node:https";
import type { KintoneRestAPIClient } from "@kintone/rest-api-client";

/** What the official client's request builder makes of a request: what axios is handed. */
export interface RequestConfig {
  method: string;
  url: string;
  headers: Record<string, string>;
  proxy?: unknown;
  httpsAgent?: https.Agent;
  timeout?: number;
  maxRedirects?: number;
}

/**
 * The parts of @kintone/rest-api-client 6.x's HTTP client this backend reaches past the public API for
 * (plain-get.ts, no-redirects.ts): the request builder every part of one client shares, and its response
 * handler. Private in the client, so a release may move them: each use checks the shape when it runs.
 */
export interface ClientInternals {
  requestConfigBuilder: {
    build(method: string, path: string, params: object, ...rest: unknown[]): Promise<RequestConfig>;
  };
  responseHandler: { handle<T>(response: Promise<unknown>): Promise<T> };
}

/** The HTTP client behind one part of the client (`client.record`, `client.app`), or null when not there. */
export function httpClientOf(part: object): ClientInternals | null {
  const http = "client" in part ? part.client : undefined;
  return isClientInternals(http) ? http : null;
}

/** The record part's HTTP client: the one plainGet sends the import's pages past. */
export function internalsOf(client: KintoneRestAPIClient): ClientInternals | null {
  return httpClientOf(client.record);
}

/** Both objects there, with their methods (their arguments cannot be checked, only that they are functions). */
function isClientInternals(value: unknown): value is ClientInternals {
  if (typeof value !== "object" || value === null) return false;
  if (!("requestConfigBuilder" in value) || !("responseHandler" in value)) return false;
  const { requestConfigBuilder: builder, responseHandler: handler } = value;
  return (
    typeof builder === "object" &&
    builder !== null &&
    "build" in builder &&
    typeof builder.build === "function" &&
    typeof handler === "object" &&
    handler !== null &&
    "handle" in handler &&
    typeof handler.handle === "function"
  );
}
