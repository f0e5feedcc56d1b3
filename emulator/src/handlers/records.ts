import { fieldMessages, kintoneErrors, validation } from "../errors/catalogue.ts";
import { recordsBody } from "../http/raw-json.ts";
import { compileFor, readPage } from "../records/read.ts";
import {
  addRecord,
  newScope,
  revisionMismatch,
  throwIfInvalid,
  type UpdateEntry,
  type UpdateResult,
  updateRecord,
} from "../records/write.ts";
import { type Handler, isTrue, requireApp, stringArrayParam } from "./context.ts";

/** kintone's write limit per multi-record call (facts §1.2). */
export const WRITE_LIMIT = 100;

/** GET /k/v1/records.json → `{records, totalCount}`; totalCount is a string, or null unless asked for. */
export const getRecords: Handler = (req) => {
  const app = requireApp(req, { all: ["view"] });
  const q = compileFor(req.domain, app, req.principal, String(req.params.query ?? ""));
  const fields = stringArrayParam(req, "fields");
  const page = readPage(app, q, isTrue(req.params.totalCount));
  const body = recordsBody(
    app.records,
    page.records,
    fields,
    `"totalCount":${JSON.stringify(page.totalCount)}`,
  );
  return page.filterAborted
    ? withHeaders(body, { "X-Cybozu-Warning": "Filter aborted because of too many search results" })
    : body;
};

/** POST /k/v1/records.json: 1–100 records, all or nothing → `{ids, revisions}` in request order. */
export const addRecords: Handler = (req) => {
  // Permission comes before the empty-array short-cut here, which makes `records: []` a usable add probe.
  // Whether kintone checks in this order is unverified (facts open question 1); if it does not, an empty
  // POST answers 200 even for a token without "add".
  const app = requireApp(req, { all: ["add"] });
  const records = req.params.records;
  if (!Array.isArray(records)) throw validation({ records: [fieldMessages.requiredParameter] });
  if (records.length > WRITE_LIMIT) throw validation({ records: [fieldMessages.addLimit] });
  const scope = newScope(req.domain, app, req.principal, req.journal);
  const results = records.map((record, i) => addRecord(scope, record, `records[${i}]`));
  throwIfInvalid(scope);
  return { ids: results.map((r) => r?.id ?? ""), revisions: results.map((r) => r?.revision ?? "") };
};

/** PUT /k/v1/records.json, with `upsert` → `{records: [{id, revision, operation?}]}`. */
export const updateRecords: Handler = (req) => {
  const upsert = isTrue(req.params.upsert);
  // Upsert reads, adds and edits, so it needs all three (facts §5.3).
  const app = requireApp(req, upsert ? { all: ["view", "add", "edit"] } : { all: ["edit"] });
  const entries = req.params.records;
  if (!Array.isArray(entries)) throw validation({ records: [fieldMessages.requiredParameter] });
  if (entries.length > WRITE_LIMIT) throw validation({ records: [fieldMessages.updateLimit] });
  const scope = newScope(req.domain, app, req.principal, req.journal);
  const results: Array<UpdateResult | null> = entries.map((entry, i) =>
    updateRecord(scope, (entry ?? {}) as UpdateEntry, `records[${i}].`, upsert),
  );
  throwIfInvalid(scope);
  return { records: results.filter((r): r is UpdateResult => r !== null) };
};

/** DELETE /k/v1/records.json?app&ids[]: any unknown id → 404 and nothing is deleted (facts §1.2). */
export const deleteRecords: Handler = (req) => {
  const app = requireApp(req, { all: ["delete"] });
  const ids = stringArrayParam(req, "ids") ?? [];
  if (ids.length === 0)
    throw validation({ ids: [fieldMessages.requiredParameter, fieldMessages.deleteLimit] });
  if (ids.length > WRITE_LIMIT) throw validation({ ids: [fieldMessages.deleteLimit] });
  const revisions = listParam(req.params.revisions);
  ids.forEach((raw, i) => {
    const id = Number(raw);
    const record = app.records.get(id);
    if (!record) throw kintoneErrors.recordNotFound(raw);
    // Entry i goes with ids[i]; a missing entry, null or -1 is not checked (revisionMismatch).
    if (revisionMismatch(revisions[i], record.$revision?.value ?? "1"))
      throw kintoneErrors.revisionConflict();
    app.records.remove(id, req.journal);
  });
  return {};
};

/**
 * A list parameter as sent, entries untouched: `null` stays `null` (not the text "null"), and a query
 * string's missing index stays a gap (paths.ts), so that the entries line up with `ids`.
 */
function listParam(raw: unknown): unknown[] {
  if (raw === undefined || raw === null) return [];
  return Array.isArray(raw) ? raw : [raw];
}

/** A response body that also sets headers; the HTTP layer unwraps it. */
export interface WithHeaders {
  __headers: Record<string, string>;
  body: unknown;
}

export function withHeaders(body: unknown, headers: Record<string, string>): WithHeaders {
  return { __headers: headers, body };
}
