import { kintoneErrors } from "../errors/catalogue.ts";
import { getApp, getApps } from "../handlers/app.ts";
import { bulkRequest } from "../handlers/bulk.ts";
import type { Handler, KintoneRequest } from "../handlers/context.ts";
import { createCursor, deleteCursor, readCursor } from "../handlers/cursor.ts";
import { deployApps, getDeployStatus } from "../handlers/deploy.ts";
import { getFormFields, getFormLayout } from "../handlers/form.ts";
import { addOneRecord, getRecord, updateOneRecord } from "../handlers/record.ts";
import { addRecords, deleteRecords, getRecords, updateRecords } from "../handlers/records.ts";

/** The kintone REST API the emulator serves, by `METHOD resource` (resource = path between v1/ and .json). */
const kintoneRoutes = new Map<string, Handler>([
  ["GET record", getRecord],
  ["POST record", addOneRecord],
  ["PUT record", updateOneRecord],
  ["GET records", getRecords],
  ["POST records", addRecords],
  ["PUT records", updateRecords],
  ["DELETE records", deleteRecords],
  ["POST records/cursor", createCursor],
  ["GET records/cursor", readCursor],
  ["DELETE records/cursor", deleteCursor],
  ["GET app", getApp],
  ["GET apps", getApps],
  ["GET app/form/fields", getFormFields],
  ["GET preview/app/form/fields", getFormFields],
  ["GET app/form/layout", getFormLayout],
  ["GET preview/app/form/layout", getFormLayout],
  ["POST preview/app/deploy", deployApps],
  ["GET preview/app/deploy", getDeployStatus],
]);

export function dispatchKintone(req: KintoneRequest): unknown {
  const handler = kintoneRoutes.get(`${req.method} ${req.resource}`);
  if (!handler) throw kintoneErrors.apiNotFound();
  return handler(req);
}

kintoneRoutes.set("POST bulkRequest", bulkRequest(dispatchKintone));
