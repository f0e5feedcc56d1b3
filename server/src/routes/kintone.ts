import { renderFinding, settingsSchema, syncRequestSchema, textOfCode } from "@front-agent/shared";
import { Hono } from "hono";
import { AppError } from "../http/app-error.ts";
import { requireConnectionKey } from "../http/auth.ts";
import type { AppContext, Env } from "../http/context.ts";
import { readJson } from "../http/read-json.ts";
import { previewFirstImport } from "../services/import/preview.ts";
import {
  type ApplyDeps,
  applySettings,
  requireStoredSettings,
  validateSettings,
} from "../services/settings.ts";
import { runIssues, type StatusDeps, tenantStatus } from "../services/status.ts";
import { startSync } from "../services/sync.ts";
import { runView } from "./views.ts";

/** The plug-in's API (through kintone.plugin.app.proxy, with the connection key). */
export function kintoneRoutes(ctx: AppContext) {
  const app = new Hono<Env>();
  const deps: ApplyDeps & StatusDeps = {
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
    const applied = await applySettings(deps, c.get("tenant").id, settings);
    const checks = applied.findings.map((f) => renderFinding(f, c.get("language")));
    if (applied.savedAt === null) throw new AppError(422, "SETTINGS_INVALID", { checks });
    // Not in API.md (extra fields are allowed): the record key the plug-in stores for record pages.
    return c.json({ checks, savedAt: applied.savedAt, recordKey: applied.recordKey });
  });

  app.get("/settings", async (c) => c.json(await requireStoredSettings(ctx.storage, c.get("tenant").id)));

  app.get("/status", async (c) => {
    const status = await tenantStatus(deps, c.get("tenant").id);
    return c.json({ ...status, runs: status.runs.map((run) => runView(run, c.get("language"))) });
  });

  // Not in API.md (extra endpoints are allowed): why each record of a run was skipped or failed (SPEC I12).
  app.get("/runs/:id/issues", async (c) => {
    const { run, issues } = await runIssues(ctx.storage, c.get("tenant").id, c.req.param("id"));
    const language = c.get("language");
    return c.json({
      run: runView(run),
      issues: issues.map((i) => ({
        recordId: i.recordId,
        kind: i.kind,
        reason: i.reason,
        message: textOfCode(i.reason, language),
      })),
    });
  });

  app.post("/sync", async (c) => {
    const { mode } = await readJson(c, syncRequestSchema);
    const run = await startSync(ctx, c.get("tenant").id, mode);
    return c.json({ runId: run.id }, 202);
  });
  return app;
}
