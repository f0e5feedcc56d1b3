import {
  initialWindowStart,
  MINUTE_MS,
  type Settings,
  sinceFor,
  updatedSinceCondition,
} from "@front-agent/shared";
import { uuidv7 } from "../../ids.ts";
import { type KintoneGateway, READ_LIMIT } from "../../kintone/gateway.ts";
import type { Storage } from "../../storage/index.ts";
import { type IndexCompletion, indexed, queueCandidateIndexBuild } from "../candidate-index.ts";
import { applyPreparedPage, type PageOutcome, preparePage } from "./apply-page.ts";
import { importFailureCode, isExpectedFailure } from "./failure-code.ts";
import { initialCap } from "./initial-cap.ts";
import { type ImportPlan, readingOf, usablePlan } from "./plan.ts";
import { type Opening, type Page, readMostRecent, readOpening, readStripesGrouped } from "./readers.ts";
import { STRIPES, type Stripe } from "./stripes.ts";

export type { ImportRunKind as ImportKind } from "@front-agent/shared";

/** What a run needs from the rest of the backend: its tenant's settings and a gateway with its tokens. */
export interface ImportDeps {
  storage: Storage;
  connect(tenantId: string): Promise<{ settings: Settings; gateway: KintoneGateway }>;
  now(): Date;
  /** The operator's ceiling on the first import's cap (MAX_INITIAL_RECORDS); the settings' cap when absent. */
  maxInitialRecords?: number;
}

interface Resume {
  /** What is left to read; stored once the opening's pages are applied, moved with every page. */
  stripes?: Stripe[];
  /** What the save that started the run read for it (a run not yet begun). */
  plan?: ImportPlan;
}

/**
 * What a run's read does for the candidate index (CRM候補検索, docs/matching.md), so that the app is read
 * once, not once by the import and again by the index:
 * - `finish`: the read covered the whole app; its pages, under `buildId`, are the index and the rest is
 *   dropped when the run ends (a full sync).
 * - `complete`: a first import, whose window may have left records out; a job reads the records before
 *   the window's start into the same build when the run ends (one request when there are none).
 * - `refresh`: an incremental sync puts what it read into the index's current build, and the index counts
 *   as refreshed from the run's start when the sync read from no later than the index's last refresh.
 * - `build`: a first import limited by the cap read the newest records by update time, no id range the
 *   index could be completed from: a full build is queued when the run ends (then, so that its read
 *   never competes with the import's for the tenant's four kintone slots).
 */
type IndexFeed =
  | { buildId: string; ends: "finish" }
  | { buildId: string; ends: "complete"; since: Date; updatedField: string }
  | { buildId: string; ends: "refresh"; readSince: Date }
  | { ends: "build" };

/**
 * The kintone requests a full run makes for an app of `records` records, at most: the form and the
 * opening's two pages (readOpening), which read an app of up to two pages whole; beyond that, a page per
 * 500 of the records between them and at most one short page per stripe (readStripes).
 */
export function fullRunRequests(records: number): number {
  const between = records - 2 * READ_LIMIT;
  return 3 + (between > 0 ? Math.ceil(between / READ_LIMIT) + STRIPES : 0);
}

/**
 * Executes (or resumes) one import run. Progress and the resume point are stored with every applied page,
 * so a process killed mid-run continues from the last whole page on restart; every write is keyed on the
 * kintone link, so re-applying a page never duplicates a customer.
 */
export async function executeImportRun(deps: ImportDeps, tenantId: string, runId: string): Promise<void> {
  const { storage } = deps;
  const run = await storage.runs.get(tenantId, runId);
  if (run?.status !== "running") return;
  const counters = {
    read: run.read,
    created: run.created,
    updated: run.updated,
    skipped: run.skipped,
    failed: run.failed,
  };
  let requestsBefore = 0;
  let gateway: KintoneGateway | undefined;
  try {
    const connected = await deps.connect(tenantId);
    gateway = connected.gateway;
    requestsBefore = run.kintoneRequests - gateway.stats().requests;
    const { settings } = connected;
    const appId = settings.customerApp.appId;
    const mapping = settings.customerApp.fields;
    const resume: Resume = (run.resume as Resume | null) ?? {};
    const seen = run.kind === "full" ? new Set<string>() : null;
    const emptyDirectory = (await storage.customers.counts(tenantId)).total === 0;
    const activeGateway = gateway;
    let feed: IndexFeed | null = null;

    // Every page waiting to be applied goes into one transaction (readStripesGrouped: at most one per
    // stripe): the customers, the pages' issues and the run's progress (with the resume point) commit
    // together, so a restart resumes exactly after the last committed pages. One commit for several pages
    // writes the candidate index's pages, which nearly every page changes, once (issue 16).
    const onPages = async (pages: Page[], stripes?: Stripe[]) => {
      // kintone's JSON is read before the transaction: it then does database work only (PreparedPage).
      const buildId = feed && "buildId" in feed ? feed.buildId : null;
      const prepared = pages.map((page) => ({
        customers: preparePage(page.records, mapping),
        index: buildId === null ? null : { buildId, records: indexed(page.records, settings.customerApp) },
      }));
      const outcomes: PageOutcome[] = await storage.transaction(async (tx) => {
        const results: PageOutcome[] = [];
        for (const page of prepared) {
          if (page.index)
            await tx.candidateIndex.put(tenantId, appId, page.index.records, page.index.buildId);
          const result = await applyPreparedPage({
            customers: tx.customers,
            tenantId,
            appId,
            page: page.customers,
            now: deps.now().toISOString(),
            onlyNewer: run.kind === "incremental",
            emptyDirectory,
          });
          if (result.issues.length > 0) await tx.runs.addIssues(runId, result.issues);
          results.push(result);
        }
        const sum = (key: "read" | "created" | "updated" | "skipped" | "failed") =>
          counters[key] + results.reduce((total, result) => total + result[key], 0);
        await tx.runs.progress(tenantId, runId, {
          read: sum("read"),
          created: sum("created"),
          updated: sum("updated"),
          skipped: sum("skipped"),
          failed: sum("failed"),
          kintoneRequests: requestsBefore + activeGateway.stats().requests,
          // A full run cannot resume mid-way (its reconciliation needs every id seen), so it starts over.
          resume: stripes && run.kind !== "full" ? { stripes: stripesAfter(stripes, pages) } : null,
        });
        return results;
      });
      for (const outcome of outcomes) {
        for (const id of outcome.recordIds) seen?.add(id);
        counters.read += outcome.read;
        counters.created += outcome.created;
        counters.updated += outcome.updated;
        counters.skipped += outcome.skipped;
        counters.failed += outcome.failed;
      }
    };

    // The form (for the update-time field and the fields to read), unless the save that started the run
    // read it. Then the read opens with the first page from each end of the app (no round trip for the
    // id bounds) and stripes what lies between; a resumed run goes on with its stripes. Each page's query
    // carries the run's condition.
    const plan = usablePlan(resume, settings, deps.now());
    const { updatedField, fields } = plan ?? readingOf(await activeGateway.formFields(appId), mapping);
    const open = (condition: string | undefined): Promise<Opening> =>
      resume.stripes
        ? Promise.resolve({ pages: [], stripes: resume.stripes, most: 0 })
        : readOpening(activeGateway, { appId, condition, fields });
    const readRest = (condition: string | undefined, opened: Opening) =>
      readStripesGrouped(
        activeGateway,
        { appId, condition, stripes: opened.stripes, fields },
        (p) => onPages(p, opened.stripes),
        opened.pages,
      );
    if (run.kind === "initial") {
      // SPEC I9: the most recently updated records within the window, at most the cap.
      const since = initialWindowStart(new Date(run.startedAt), settings.options.initialWindowDays);
      const condition = updatedSinceCondition(updatedField, since, 0);
      const cap = initialCap(settings, deps.maxInitialRecords);
      const opened = await open(condition);
      // What the opening read bounds the count from above, so counting (a slow kintone call) is rarely
      // needed. When the cap is smaller, the opening's pages are dropped: they are the lowest and highest
      // ids, not the most recently updated records.
      const fits =
        resume.stripes !== undefined || opened.most <= cap || (await gateway.count(appId, condition)) <= cap;
      if (fits) {
        // What the window left out (records last updated before it) is read into the index by a job
        // after the run, off the administrator's wait: one request when there is none. (Asking "any
        // record outside the window?" beside the opening was tried: kintone scans the whole app for it,
        // and on the emulator that scan held up the opening's round trip, 100,000 records at +50 ms
        // 4.0 → 4.8 s.)
        feed = { buildId: run.id, ends: "complete", since, updatedField };
        await readRest(condition, opened);
      } else {
        feed = { ends: "build" };
        await readMostRecent(gateway, { appId, condition, updatedField, cap, fields }, (p) => onPages([p]));
      }
    } else {
      const since =
        run.kind === "incremental" ? await incrementalSince(storage, tenantId, updatedField) : undefined;
      const state = since ? await storage.candidateIndex.state(tenantId, appId) : null;
      // A full run cannot resume (it starts over), so each attempt is a build of its own: a record one
      // attempt saw and kintone deleted before the next is not kept.
      if (!since) feed = { buildId: run.kind === "full" ? uuidv7() : run.id, ends: "finish" };
      else if (state) feed = { buildId: state.buildId, ends: "refresh", readSince: since.from };
      await readRest(since?.condition, await open(since?.condition));
    }

    if (seen) {
      // SPEC I11: customers linked to records that no longer exist are kept but unlinked.
      const gone: string[] = [];
      for await (const link of storage.customers.linkedRecordIds(tenantId, appId)) {
        if (!seen.has(link.recordId)) gone.push(link.customerId);
      }
      if (gone.length > 0) {
        const unlinked = await storage.customers.unlink(
          tenantId,
          gone,
          "deleted_in_kintone",
          deps.now().toISOString(),
        );
        await storage.runs.recordUnlinked(tenantId, runId, unlinked);
      }
    }
    await storage.runs.progress(tenantId, runId, {
      ...counters,
      kintoneRequests: requestsBefore + gateway.stats().requests,
      resume: null,
    });
    // The index is left complete (or its completion queued) in the transaction that ends the run: an
    // export never sees the run ended with the index neither built nor being built.
    await storage.transaction(async (tx) => {
      await leaveIndex(tx, tenantId, appId, run.startedAt, feed, deps.now());
      await tx.runs.finish(tenantId, runId, { status: "succeeded", finishedAt: deps.now().toISOString() });
    });
  } catch (error) {
    await storage.runs.progress(tenantId, runId, {
      ...counters,
      kintoneRequests: requestsBefore + (gateway?.stats().requests ?? 0),
      resume: run.resume,
    });
    await storage.runs.finish(tenantId, runId, {
      status: "failed",
      finishedAt: deps.now().toISOString(),
      error: importFailureCode(error),
    });
    if (!isExpectedFailure(error)) throw error;
  }
}

/**
 * SPEC I10: everything updated since the last successful run's watermark, with a minute of overlap (`from`
 * is that instant). Undefined without a watermark: the sync reads the whole app.
 */
async function incrementalSince(
  storage: Storage,
  tenantId: string,
  updatedField: string,
): Promise<{ condition: string; from: Date } | undefined> {
  const last = await storage.runs.lastSucceeded(tenantId, ["initial", "incremental", "full"]);
  if (!last?.watermark) return undefined;
  const since = sinceFor(last.watermark, 0);
  return {
    condition: updatedSinceCondition(updatedField, since, 1),
    from: new Date(since.getTime() - MINUTE_MS),
  };
}

/**
 * The stripes as they stand once `pages` are applied: what the transaction applying them stores as the
 * resume point. The stripes themselves move only after it commits (readStripesGrouped).
 */
function stripesAfter(stripes: Stripe[], pages: Page[]): Stripe[] {
  const after = new Map<number, number>();
  for (const page of pages)
    if (page.stripe !== null && page.after !== null) after.set(page.stripe, page.after);
  return stripes.map((stripe, i) => {
    const moved = after.get(i);
    return moved === undefined ? stripe : { ...stripe, after: moved };
  });
}

/** Ends what the run's read did for the candidate index (see IndexFeed), in the run's last transaction. */
async function leaveIndex(
  tx: Storage,
  tenantId: string,
  appId: string,
  startedAt: string,
  feed: IndexFeed | null,
  now: Date,
): Promise<void> {
  switch (feed?.ends) {
    case undefined:
      return;
    case "build":
      await queueCandidateIndexBuild(tx, tenantId, now);
      return;
    case "finish":
      // As a build that started with the run: what changed while it read, the next refresh reads.
      await tx.candidateIndex.finishBuild(tenantId, appId, {
        buildId: feed.buildId,
        builtAt: startedAt,
        freshSince: startedAt,
        refreshedAt: startedAt,
      });
      return;
    case "complete": {
      const completion: IndexCompletion = {
        appId,
        buildId: feed.buildId,
        before: feed.since.toISOString(),
        updatedField: feed.updatedField,
        builtAt: startedAt,
      };
      await queueCandidateIndexBuild(tx, tenantId, now, completion);
      return;
    }
    case "refresh": {
      // The sync read everything updated since `readSince`; the index lacked only what changed since its
      // last refresh (read from a minute before `freshSince`, as refreshCandidateIndex does). When the
      // one covers the other, the index is as fresh as the sync's start, and the next search reads
      // nothing more. Never moved back: a search may have refreshed it while the sync read.
      const current = await tx.candidateIndex.state(tenantId, appId);
      if (current?.buildId !== feed.buildId) return;
      const covered = feed.readSince.getTime() <= sinceFor(current.freshSince, 1).getTime();
      if (covered && Date.parse(current.refreshedAt) < Date.parse(startedAt))
        await tx.candidateIndex.refreshed(tenantId, appId, startedAt, startedAt);
      return;
    }
  }
}
