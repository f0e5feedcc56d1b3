import { kintoneErrors, validation } from "../errors/catalogue.ts";
import { addRecord, newScope, throwIfInvalid, type UpdateEntry, updateRecord } from "../records/write.ts";
import { type Handler, intParam, requireApp } from "./context.ts";

/** GET /k/v1/record.json — one record with every field, `$id` and `$revision`. */
export const getRecord: Handler = (req) => {
  const app = requireApp(req, { all: ["view"] });
  const id = intParam(req, "id");
  const record = app.records.get(id);
  if (!record) throw kintoneErrors.recordNotFound(id);
  return { record };
};

/** POST /k/v1/record.json → `{id, revision}`. */
export const addOneRecord: Handler = (req) => {
  const app = requireApp(req, { all: ["add"] });
  const scope = newScope(req.domain, app, req.principal, req.journal);
  const result = addRecord(scope, req.params.record, "record");
  throwIfInvalid(scope);
  if (!result) throw validation({});
  return result;
};

/** PUT /k/v1/record.json by `id` or `updateKey` → `{revision}`. */
export const updateOneRecord: Handler = (req) => {
  const app = requireApp(req, { all: ["edit"] });
  const scope = newScope(req.domain, app, req.principal, req.journal);
  const result = updateRecord(scope, req.params as UpdateEntry, "", false);
  throwIfInvalid(scope);
  if (!result) throw validation({});
  return { revision: result.revision };
};
