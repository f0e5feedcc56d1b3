import {
  assertFieldCode,
  isoMinute,
  quote,
  seekQuery,
  sinceFor,
  updatedSinceCondition,
  updatedTimeFieldCode,
} from "@front-agent/shared";
import { uuidv7 } from "../ids.ts";
import { type KintoneGateway, type KintoneRecordJson, READ_LIMIT } from "../kintone/gateway.ts";
import type { Storage } from "../storage/index.ts";
import { candidateFieldsToRead, customerCandidate } from "./customer-records.ts";
import { readStripes, readWhole } from "./import/readers.ts";
import { planStripes, STRIPES } from "./import/stripes.ts";
import type { CustomerApp, ResolvedSettings } from "./settings.ts";

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

export const indexed = (records: KintoneRecordJson[], app: Pick<CustomerApp, "fields">) =>
  records.map((r) => {
    const { recordId, recordNumber, name, company } = customerCandidate(r, app.fields);
    return { recordId, recordNumber, name, company };
  });

/**
 * What a first import whose read the window narrowed leaves for the index: the records it did not read,
 * those updated before the window's start. The import's pages are already in the index under `buildId`.
 */
export interface IndexCompletion {
  appId: string;
  buildId: string;
  /** The window's start, as the import's condition had it: the complement is what was updated before. */
  before: string;
  updatedField: string;
  /**
   * The largest id to read up to. Completions queued before issue 16's opening read carry the app's largest
   * id when the import started; later ones leave it out, and the largest id the complement's own condition
   * matches is read when the complement is more than a page (a record created since the import started
   * was updated after the window's start, so that condition leaves it out anyway).
   */
  maxId?: number;
  /** When the import started: the build's time (what changed after it, the next refresh reads). */
  builtAt: string;
}

/** The records a window `updated >= since` leaves out, to the minute the window's condition uses. */
export function updatedBeforeCondition(updatedField: string, since: Date): string {
  return `${assertFieldCode(updatedField)} < ${quote(isoMinute(since))}`;
}

/**
 * Completes the index, then drops the records the build did not see (they were deleted in kintone).
 * Without `completion`: reads every record of the customer app (the first page from each end, then four
 * stripes side by side, 500 per request) under a new build. With it: reads only the records a narrowed
 * first import did not.
 */
export async function buildCandidateIndex(
  deps: CandidateIndexDeps,
  tenantId: string,
  completion: IndexCompletion | null = null,
): Promise<void> {
  const { settings, gateway } = await deps.connect(tenantId);
  const app = settings.customerApp;
  const fields = candidateFieldsToRead(app.fields);
  const put = (records: KintoneRecordJson[], buildId: string) =>
    deps.storage.candidateIndex.put(tenantId, app.appId, indexed(records, app), buildId);
  let buildId: string;
  let builtAt: string;
  if (completion) {
    if (!(await completionStillWanted(deps.storage, tenantId, app.appId, completion))) return;
    ({ buildId, builtAt } = completion);
    await readComplement(gateway, app.appId, completion, fields, (records) => put(records, buildId));
  } else {
    const started = deps.now();
    buildId = uuidv7(started.getTime());
    builtAt = started.toISOString();
    await readWhole(gateway, { appId: app.appId, fields }, (page) => put(page.records, buildId));
  }
  await deps.storage.candidateIndex.finishBuild(tenantId, app.appId, {
    buildId,
    builtAt,
    freshSince: builtAt,
    refreshedAt: builtAt,
  });
}

/**
 * A completion belongs to the import that queued it: once the customer app changed, or another first
 * import or full sync is under way (it builds the index itself), finishing it would drop that one's pages.
 */
async function completionStillWanted(
  storage: Storage,
  tenantId: string,
  appId: string,
  completion: IndexCompletion,
): Promise<boolean> {
  if (completion.appId !== appId) return false;
  if (await wholeReadUnderway(storage, tenantId)) return false;
  const state = await storage.candidateIndex.state(tenantId, appId);
  return !state || Date.parse(state.builtAt) < Date.parse(completion.builtAt);
}

/**
 * The complement of a window is usually small (an app's records are mostly recent, or the window covered
 * nearly all): one page from the start answers it in one request. Only when that page is full are the
 * rest read in stripes side by side, up to the largest id the complement holds.
 */
async function readComplement(
  gateway: KintoneGateway,
  appId: string,
  completion: IndexCompletion,
  fields: string[],
  put: (records: KintoneRecordJson[]) => Promise<void>,
): Promise<void> {
  const condition = updatedBeforeCondition(completion.updatedField, new Date(completion.before));
  const first = await gateway.records(appId, seekQuery({ condition, afterId: 0, limit: READ_LIMIT }), fields);
  await put(first);
  const last = first.at(-1)?.$id?.value;
  if (first.length < READ_LIMIT || last === undefined) return;
  const maxId = completion.maxId ?? (await gateway.maxId(appId, condition));
  const stripes = planStripes(Number(last) + 1, maxId, STRIPES);
  await readStripes(gateway, { appId, condition, stripes, fields }, (page) => put(page.records));
}

/**
 * Queues a build unless one is already waiting or running: a full one (`completion` null), or the
 * completion of a first import's narrowed read.
 */
export async function queueCandidateIndexBuild(
  storage: Storage,
  tenantId: string,
  now: Date,
  completion: IndexCompletion | null = null,
): Promise<boolean> {
  if ((await storage.jobs.pending(tenantId, CANDIDATE_INDEX_JOB)).length > 0) return false;
  await storage.jobs.enqueue({
    tenantId,
    kind: CANDIDATE_INDEX_JOB,
    payload: completion,
    runAt: now.toISOString(),
  });
  return true;
}

/**
 * A first import or a full sync is running: it reads the app and leaves the index complete (itself, or
 * by a build queued when it ends), so a build queued now would only read the app a second time.
 */
export async function wholeReadUnderway(storage: Storage, tenantId: string): Promise<boolean> {
  const running = await storage.runs.running(tenantId);
  return running?.kind === "initial" || running?.kind === "full";
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
  if (
    stale &&
    !(await wholeReadUnderway(storage, tenantId)) &&
    (await queueCandidateIndexBuild(storage, tenantId, now))
  )
    deps.onQueued();
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
