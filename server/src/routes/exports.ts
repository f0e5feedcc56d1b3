import { Hono } from "hono";
import { requireServiceToken } from "../http/auth.ts";
import type { AppContext, Env } from "../http/context.ts";
import { findExport, retryExport } from "../services/exports/retry-export.ts";
import { exportView } from "./views.ts";

/** An export's state, and 再送 (SPEC E5): a retry can never write twice (the writer is idempotent). */
export function exportRoutes(ctx: AppContext) {
  const app = new Hono<Env>();
  app.use("*", requireServiceToken(ctx.storage));
  app.get("/:id", async (c) => {
    const row = await findExport(ctx.storage, c.get("tenant").id, c.req.param("id"));
    return c.json(exportView(row, c.get("language")));
  });
  app.post("/:id/retry", async (c) =>
    c.json(await retryExport(ctx, c.get("tenant").id, c.req.param("id")), 202),
  );
  return app;
}
