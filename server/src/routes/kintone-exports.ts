import { adminExportListQuerySchema, kintoneLinkRequestSchema } from "@front-agent/shared";
import { Hono } from "hono";
import { requireConnectionKey } from "../http/auth.ts";
import type { AppContext, Env } from "../http/context.ts";
import { readJson, readQuery } from "../http/read-json.ts";
import { adminExportView } from "../services/exports/admin-view.ts";
import { retryExport } from "../services/exports/retry-export.ts";
import { exportCandidates, linkExport } from "../services/exports/review.ts";

/**
 * The administrator's exports (the plug-in's 議事録の書き込み, connection key): what was written and why the
 * rest was not, 再送, and choosing the customer record of a 要確認 export. The record key opens none of it.
 */
export function kintoneExportRoutes(ctx: AppContext) {
  const app = new Hono<Env>();
  app.use("*", requireConnectionKey(ctx.storage));

  app.get("/", async (c) => {
    const { status, limit, cursor } = readQuery(c, adminExportListQuerySchema);
    // A cursor this list did not hand out → 400 naming it (InvalidCursorError, mapped in onError).
    const page = await ctx.storage.exports.list(c.get("tenant").id, {
      limit,
      ...(status ? { status } : {}),
      ...(cursor ? { cursor } : {}),
    });
    return c.json({
      exports: page.exports.map((summary) => adminExportView(summary, c.get("language"))),
      nextCursor: page.nextCursor,
    });
  });

  // 再送: the same service as Front Agent's POST /v1/exports/{id}/retry.
  app.post("/:id/retry", async (c) =>
    c.json(await retryExport(ctx, c.get("tenant").id, c.req.param("id")), 202),
  );

  app.get("/:id/candidates", async (c) =>
    c.json(await exportCandidates(ctx, c.get("tenant").id, c.req.param("id"))),
  );

  app.put("/:id/link", async (c) => {
    const { recordId } = await readJson(c, kintoneLinkRequestSchema);
    const linked = await linkExport(ctx, c.get("tenant").id, c.req.param("id"), recordId);
    return c.json({ export: adminExportView(linked, c.get("language")) });
  });
  return app;
}
