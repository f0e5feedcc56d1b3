import { Hono } from "hono";
import { AppError } from "../http/app-error.ts";
import { requireServiceToken } from "../http/auth.ts";
import type { AppContext, Env } from "../http/context.ts";
import { queueExport } from "../services/exports/intake.ts";
import { exportView } from "./views.ts";

/** An export's state, and 再送 (SPEC E5): a retry can never write twice (the writer is idempotent). */
export function exportRoutes(ctx: AppContext) {
  const app = new Hono<Env>();
  app.use("*", requireServiceToken(ctx.storage));
  app.get("/:id", async (c) => {
    const row = await ctx.storage.exports.get(c.get("tenant").id, c.req.param("id"));
    if (!row) throw new AppError(404, "EXPORT_NOT_FOUND");
    return c.json(exportView(row, c.get("language")));
  });
  app.post("/:id/retry", async (c) => {
    const tenantId = c.get("tenant").id;
    const row = await ctx.storage.exports.get(tenantId, c.req.param("id"));
    if (!row) throw new AppError(404, "EXPORT_NOT_FOUND");
    if (row.status === "written") throw new AppError(409, "EXPORT_ALREADY_WRITTEN");
    const now = ctx.now();
    await ctx.storage.transaction(async (tx) => {
      await tx.exports.update(tenantId, row.id, { status: "queued", at: now.toISOString() });
      await queueExport(tx, tenantId, row.id, now);
    });
    ctx.jobsQueued();
    return c.json({ exportId: row.id, status: "queued" }, 202);
  });
  return app;
}
