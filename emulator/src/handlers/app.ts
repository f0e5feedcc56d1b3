import { fieldMessages, kintoneErrors, validation } from "../errors/catalogue.ts";
import type { AppState } from "../model/app.ts";
import { type Handler, type KintoneRequest, requireApp, stringArrayParam } from "./context.ts";

function appBody(app: AppState) {
  return {
    appId: String(app.id),
    code: app.code,
    name: app.name,
    description: app.description,
    spaceId: app.spaceId,
    threadId: app.threadId,
    createdAt: app.createdAt,
    creator: app.creator,
    modifiedAt: app.modifiedAt,
    modifier: app.modifier,
  };
}

/** GET /k/v1/app.json?id — any permission on the app lets a caller see it. */
export const getApp: Handler = (req) => {
  const app = requireApp(req, { any: ["view", "add", "edit", "delete", "manage"] }, "id");
  return appBody(app);
};

/** GET /k/v1/apps.json — API tokens are refused outright (facts §1.4). */
export const getApps: Handler = (req) => {
  if (req.principal.kind === "token") throw kintoneErrors.tokenNoPermission();
  const ids = stringArrayParam(req, "ids");
  const codes = stringArrayParam(req, "codes");
  const spaceIds = stringArrayParam(req, "spaceIds");
  const name = req.params.name === undefined ? null : String(req.params.name).toLowerCase();
  const limit = numberIn(req, "limit", 100, 1, 100);
  const offset = numberIn(req, "offset", 0, 0, 2_147_483_647);
  const apps = [...req.domain.apps.values()]
    .filter((a) => a.guestSpaceId === req.guestSpaceId || req.guestSpaceId === null)
    .filter((a) => !ids || ids.includes(String(a.id)))
    .filter((a) => !codes || codes.includes(a.code))
    .filter((a) => !spaceIds || (a.spaceId !== null && spaceIds.includes(a.spaceId)))
    .filter((a) => name === null || a.name.toLowerCase().includes(name))
    .sort((a, b) => a.id - b.id)
    .slice(offset, offset + limit);
  return { apps: apps.map(appBody) };
};

function numberIn(req: KintoneRequest, name: string, fallback: number, min: number, max: number): number {
  const raw = req.params[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw validation({ [name]: [fieldMessages.sizeRange] });
  return n;
}
