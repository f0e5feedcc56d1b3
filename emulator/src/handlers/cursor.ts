import { requirePermission } from "../auth/principal.ts";
import { fieldMessages, kintoneErrors, validation } from "../errors/catalogue.ts";
import { recordsBody } from "../http/raw-json.ts";
import type { KintoneRecord } from "../model/kintone-types.ts";
import { compileFor, matchAll } from "../records/read.ts";
import { type Handler, intParam, requireApp, stringArrayParam } from "./context.ts";

const DEFAULT_SIZE = 100;
const MAX_SIZE = 500;

/** POST /k/v1/records/cursor.json → `{id, totalCount}` (a string, as the official client's types say). */
export const createCursor: Handler = (req) => {
  const app = requireApp(req, { all: ["view"] });
  const size = req.params.size === undefined ? DEFAULT_SIZE : intParam(req, "size");
  if (size < 1 || size > MAX_SIZE) throw validation({ size: [fieldMessages.cursorSize] });
  // kintone refuses limit/offset in a cursor's query; the query module answers that.
  const q = compileFor(req.domain, app, req.principal, String(req.params.query ?? ""), false);
  const ids = matchAll(app, q).map((r) => Number(r.$id?.value));
  const cursor = req.domain.cursors.create(
    { appId: app.id, ids, size, fields: stringArrayParam(req, "fields") },
    req.domain.settings.cursorLimit,
  );
  return { id: cursor.id, totalCount: String(ids.length) };
};

/** GET /k/v1/records/cursor.json?id → `{records, next}`; deleted records leave a page short. */
export const readCursor: Handler = (req) => {
  const id = String(req.params.id ?? "");
  const cursor = req.domain.cursors.peek(id);
  const app = req.domain.apps.get(cursor.appId);
  if (!app) throw kintoneErrors.cursorNotFound();
  requirePermission(req.principal, app, { all: ["view"] });
  const page = req.domain.cursors.next(id);
  const records: KintoneRecord[] = [];
  for (const rid of page.ids) {
    const record = app.records.get(rid);
    if (record) records.push(record);
  }
  return recordsBody(app.records, records, cursor.fields, `"next":${page.next}`);
};

/** DELETE /k/v1/records/cursor.json?id → `{}`; unknown or already gone → 404 GAIA_CN01. */
export const deleteCursor: Handler = (req) => {
  req.domain.cursors.delete(String(req.params.id ?? ""));
  return {};
};
