import { type Need, type Principal, requirePermission } from "../auth/principal.ts";
import { fieldMessages, kintoneErrors, validation } from "../errors/catalogue.ts";
import type { AppState } from "../model/app.ts";
import type { Domain } from "../model/domain.ts";
import type { Journal } from "../model/journal.ts";

export type Method = "GET" | "POST" | "PUT" | "DELETE";

/** One kintone API call as a handler sees it; bulkRequest builds one per sub-request. */
export interface KintoneRequest {
  domain: Domain;
  method: Method;
  /** The path between `/v1/` and `.json`, e.g. `records/cursor` or `preview/app/form/fields`. */
  resource: string;
  guestSpaceId: string | null;
  params: Record<string, unknown>;
  principal: Principal;
  journal: Journal;
}

/** A handler returns kintone's response body; failures are thrown as KintoneError. */
export type Handler = (req: KintoneRequest) => unknown;

/** An integer parameter (ids may be sent as numbers or strings); missing → kintone's "Required field." */
export function intParam(req: KintoneRequest, name: string, key = name): number {
  const raw = req.params[name];
  if (raw === undefined || raw === null || raw === "")
    throw validation({ [key]: [fieldMessages.requiredParameter] });
  const n = typeof raw === "number" ? raw : Number(String(raw).trim());
  if (!Number.isInteger(n)) throw validation({ [key]: [fieldMessages.mustBeInteger] });
  return n;
}

export function stringArrayParam(req: KintoneRequest, name: string): string[] | null {
  const raw = req.params[name];
  if (raw === undefined || raw === null) return null;
  if (Array.isArray(raw)) return raw.map(String);
  return [String(raw)];
}

/**
 * The app a call names, checked the way kintone does: it exists (GAIA_AP01), it is called through its
 * guest-space path if it has one (GAIA_IL23), and the caller has the permissions the API needs.
 */
export function requireApp(req: KintoneRequest, need: Need, name = "app"): AppState {
  const id = intParam(req, name);
  const app = req.domain.apps.get(id);
  if (!app) throw kintoneErrors.appNotFound(id);
  if (app.guestSpaceId !== req.guestSpaceId) {
    if (app.guestSpaceId !== null && req.guestSpaceId === null) throw kintoneErrors.guestSpacePathRequired();
    throw kintoneErrors.appNotFound(id);
  }
  requirePermission(req.principal, app, need);
  return app;
}

export function isTrue(raw: unknown): boolean {
  return raw === true || raw === "true";
}
