import { tenantCreateSchema } from "@front-agent/shared";
import { Hono } from "hono";
import { requireAdmin } from "../http/auth.ts";
import type { AppContext, Env } from "../http/context.ts";
import { readJson } from "../http/read-json.ts";
import { createTenant } from "../services/tenants.ts";

export function adminRoutes(ctx: AppContext) {
  const app = new Hono<Env>();
  app.use("*", requireAdmin(ctx.config.adminToken));
  app.post("/tenants", async (c) => {
    const { name } = await readJson(c, tenantCreateSchema);
    return c.json(await createTenant(ctx.storage, ctx.secretKey, name, ctx.now()), 201);
  });
  return app;
}
