import { sinceFor, updatedSinceCondition, updatedTimeFieldCode } from "@front-agent/shared";
import { uuidv7 } from "../ids.ts";
import type { KintoneGateway, KintoneRecordJson } from "../kintone/gateway.ts";
import type { Storage } from "../storage/index.ts";
import { candidateFieldsToRead, customerCandidate } from "./customer-records.ts";
import { readStripes } from "./import/readers.ts";
import { planStripes } from "./import/stripes.ts";
import type { ResolvedSettings } from "./settings.ts";

export const CANDIDATE_INDEX_JOB = "candidate-index";

/** A full build a day finds the records deleted in kintone; in between, searches read what changed. */
export const REBUILD_AFTER_MS = 24 * 3_600_000;
/** Searches within this long of the last refresh use the index as it is (one request saved per search). */
export const REFRESH_AFTER_MS = 30_000;

export interface CandidateIndexDeps {
  storage: Storage;
  connect(tenantId: string): Promise<{ settings: ResolvedSettings; gateway: KintoneGateway }>;
  now(): Date;
}

type CustomerApp = ResolvedSettings["customerApp"];

export const indexed = (records: KintoneRecordJson[], app: CustomerApp) =>
  records.map((r) => {
    const { recordId, recordNumber, name, company } = customerCandidate(r, app.fields);
    return { recordId, recordNumber, name, company };
  });

/**
 * Reads every record of the customer app (four stripes side by side, 500 per request) into the index,
 * then drops the records it did not see: they were deleted in kintone.
 */
export async function buildCandidateIndex(deps: CandidateIndexDeps, tenantId: string): Promise<void> {
  const { settings, gateway } = await deps.connect(tenantId);
  const app = settings.customerApp;
  const started = deps.now();
  const buildId = uuidv7(started.getTime());
  const [min, max] = await Promise.all([gateway.minId(app.appId), gateway.maxId(app.appId)]);
  await readStripes(
    gateway,
    app.appId,
    undefined,
    planStripes(min, max, 4),
    (page) => deps.storage.candidateIndex.put(tenantId, app.appId, indexed(page.records, app), buildId),
    candidateFieldsToRead(app.fields),
  );
  const at = started.toISOString();
  await deps.storage.candidateIndex.finishBuild(tenantId, app.appId, {
    buildId,
    builtAt: at,
    freshSince: at,
    refreshedAt: at,
  });
}

/** Queues a full build unless one is already waiting or running. */
export async function queueCandidateIndexBuild(
  storage: Storage,
  tenantId: string,
  now: Date,
): Promise<boolean> {
  if ((await storage.jobs.pending(tenantId, CANDIDATE_INDEX_JOB)).length > 0) return false;
  await storage.jobs.enqueue({
    tenantId,
    kind: CANDIDATE_INDEX_JOB,
    payload: null,
    runAt: now.toISOString(),
  });
  return true;
}

/**
 * Brings the index up to date before a search: the records updated since the last refresh (kintone's
 * update time has minute precision, so a minute of overlap) are read and stored. `missing` when no full
 * build has finished yet (one is queued); a build older than a day is queued again, the index still used.
 */
export async function refreshCandidateIndex(
  deps: {
    storage: Storage;
    gateway: KintoneGateway;
    settings: ResolvedSettings;
    now(): Date;
    /** A full build was queued. */
    onQueued(): void;
  },
  tenantId: string,
  /** How old a refresh may be and still serve: an export that may register a customer asks for less. */
  maxAgeMs = REFRESH_AFTER_MS,
): Promise<"missing" | "fresh" | "refreshed"> {
  const { storage, gateway, settings } = deps;
  const app = settings.customerApp;
  const now = deps.now();
  const state = await storage.candidateIndex.state(tenantId, app.appId);
  const stale = !state || now.getTime() - Date.parse(state.builtAt) > REBUILD_AFTER_MS;
  if (stale && (await queueCandidateIndexBuild(storage, tenantId, now))) deps.onQueued();
  if (!state) return "missing";
  if (now.getTime() - Date.parse(state.refreshedAt) < maxAgeMs) return "fresh";

  const form = await gateway.formFields(app.appId);
  const updatedField = updatedTimeFieldCode(form);
  const condition = updatedSinceCondition(updatedField, sinceFor(state.freshSince, 1), 0);
  let after = 0;
  for (;;) {
    const page = await gateway.records(
      app.appId,
      `${condition} and $id > ${after} order by $id asc limit 500`,
      candidateFieldsToRead(app.fields),
    );
    await storage.candidateIndex.put(tenantId, app.appId, indexed(page, app), state.buildId);
    const last = page.at(-1)?.$id?.value;
    if (page.length < 500 || last === undefined) break;
    after = Number(last);
  }
  await storage.candidateIndex.refreshed(tenantId, app.appId, now.toISOString(), now.toISOString());
  return "refreshed";
}
