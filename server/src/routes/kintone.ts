import {
  formatMessage,
  messages,
  renderFinding,
  settingsSchema,
  syncRequestSchema,
} from "@front-agent/shared";
import { Hono } from "hono";
import { AppError } from "../http/app-error.ts";
import { requireConnectionKey } from "../http/auth.ts";
import type { AppContext, Env } from "../http/context.ts";
import { readJson } from "../http/read-json.ts";
import { queueExport } from "../services/exports/intake.ts";
import { previewFirstImport } from "../services/import/preview.ts";
import {
  ImportAlreadyRunningError,
  loadSyncSchedule,
  nextSyncAt,
  startImportRun,
} from "../services/import-runs.ts";
import { type SettingsDeps, saveSettings, storedSettings, validateSettings } from "../services/settings.ts";
import { issueRecordKey } from "../services/tenants.ts";
import { runView } from "./views.ts";

/** The plug-in's API (through kintone.plugin.app.proxy, with the connection key). */
export function kintoneRoutes(ctx: AppContext) {
  const app = new Hono<Env>();
  const deps: SettingsDeps = {
    ...ctx,
    allowedOrigins: ctx.config.allowedOrigins,
    maxInitialRecords: ctx.config.maxInitialRecords,
  };
  app.use("*", requireConnectionKey(ctx.storage));

  app.post("/settings/validate", async (c) => {
    const settings = await readJson(c, settingsSchema);
    const findings = await validateSettings(deps, c.get("tenant").id, settings);
    return c.json({ checks: findings.map((f) => renderFinding(f, c.get("language"))) });
  });

  // Not in API.md (extra endpoints are allowed): what the first import would do, writing nothing.
  app.post("/import-preview", async (c) => {
    const settings = await readJson(c, settingsSchema);
    return c.json(await previewFirstImport(deps, c.get("tenant").id, settings));
  });

  app.put("/settings", async (c) => {
    const settings = await readJson(c, settingsSchema);
    const tenantId = c.get("tenant").id;
    const outcome = await saveSettings(deps, tenantId, settings);
    ctx.resolvedSettings.delete(tenantId);
    const checks = outcome.findings.map((f) => renderFinding(f, c.get("language")));
    if (!outcome.savedAt) throw new AppError(422, "SETTINGS_INVALID", { checks });
    // SPEC E4: exports that waited for a user mapping are sent again once the settings may map the user.
    const now = ctx.now();
    const waiting = await ctx.storage.exports.withReason(tenantId, "failed", "EXPORT_USER_NOT_MAPPED");
    for (const row of waiting) {
      await ctx.storage.transaction(async (tx) => {
        await tx.exports.update(tenantId, row.id, { status: "queued", at: now.toISOString() });
        await queueExport(tx, tenantId, row.id, now);
      });
    }
    if (waiting.length > 0) ctx.jobsQueued();
    if (outcome.importInputsChanged) {
      // SPEC: the first save, or a change of the customer app or its mapping, starts the first import.
      await startImportRun(ctx.storage, tenantId, "initial", ctx.now()).catch((error: unknown) => {
        if (!(error instanceof ImportAlreadyRunningError)) throw error;
      });
      // CRM候補検索's index of the whole customer app is built from the first import's own read (one read
      // of the app, not two): no build is queued here (services/candidate-index.ts).
      ctx.jobsQueued();
    }
    // Not in API.md (extra fields are allowed): the record key the plug-in stores for record pages.
    const recordKey = await issueRecordKey(ctx.storage, tenantId);
    return c.json({ checks, savedAt: outcome.savedAt, recordKey });
  });

  app.get("/settings", async (c) => {
    const settings = await storedSettings(ctx.storage, c.get("tenant").id);
    if (!settings) throw new AppError(404, "SETTINGS_NOT_FOUND");
    return c.json(settings);
  });

  app.get("/status", async (c) => {
    const tenantId = c.get("tenant").id;
    const settings = await storedSettings(ctx.storage, tenantId);
    const [runs, customers, exportCounts, schedule, requestsToday] = await Promise.all([
      ctx.storage.runs.list(tenantId, 20),
      ctx.storage.customers.counts(tenantId),
      ctx.storage.exports.counts(tenantId),
      settings ? loadSyncSchedule(ctx.storage, tenantId, settings.options) : Promise.resolve(null),
      ctx.budget.usage(tenantId),
    ]);
    return c.json({
      runs: runs.map((run) => runView(run, c.get("language"))),
      nextSyncAt: (schedule && nextSyncAt(schedule))?.toISOString() ?? null,
      // The next scheduled 全件同期; null when turned off (fullSyncIntervalDays 0) or nothing imported yet.
      nextFullSyncAt: schedule?.fullAt?.toISOString() ?? null,
      customers,
      exports: {
        written: exportCounts.written,
        skipped: exportCounts.skipped,
        failed: exportCounts.failed,
        queued: exportCounts.queued,
        needsReview: exportCounts.needs_review,
        // Not in API.md (extra fields are allowed): of the queued, those waiting for tomorrow's budget.
        deferred: exportCounts.deferred,
      },
      // Not in API.md (extra fields are allowed): the backend's kintone requests today per app, and the
      // daily limit it keeps within (it waits for the next day at 80% of it).
      kintoneRequests: {
        dailyLimit: ctx.budget.dailyLimit,
        today: Object.fromEntries(requestsToday),
      },
      // What the operator allows: the settings screen tells the administrator before a save is refused.
      limits: { maxInitialRecords: ctx.config.maxInitialRecords },
    });
  });

  // Not in API.md (extra endpoints are allowed): why each record of a run was skipped or failed (SPEC I12).
  app.get("/runs/:id/issues", async (c) => {
    const tenantId = c.get("tenant").id;
    const run = await ctx.storage.runs.get(tenantId, c.req.param("id"));
    if (!run) throw new AppError(404, "NOT_FOUND");
    const issues = await ctx.storage.runs.issues(tenantId, run.id, 1000);
    const language = c.get("language");
    return c.json({
      run: runView(run),
      issues: issues.map((i) => ({
        recordId: i.recordId,
        kind: i.kind,
        reason: i.reason,
        message: i.reason in messages ? formatMessage(i.reason as "NO_NAME_OR_COMPANY", language) : i.reason,
      })),
    });
  });

  app.post("/sync", async (c) => {
    const { mode } = await readJson(c, syncRequestSchema);
    const tenantId = c.get("tenant").id;
    if (!(await storedSettings(ctx.storage, tenantId))) throw new AppError(404, "SETTINGS_NOT_FOUND");
    const run = await startImportRun(ctx.storage, tenantId, mode, ctx.now());
    ctx.jobsQueued();
    return c.json({ runId: run.id }, 202);
  });
  return app;
}
