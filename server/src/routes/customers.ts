import {
  crmCandidatesQuerySchema,
  customerCreateSchema,
  customerListQuerySchema,
  customerPatchSchema,
  identityKey,
  kintoneLinkRequestSchema,
} from "@front-agent/shared";
import { Hono } from "hono";
import { AppError } from "../http/app-error.ts";
import { requireServiceToken } from "../http/auth.ts";
import type { AppContext, Env } from "../http/context.ts";
import { readJson, readQuery } from "../http/read-json.ts";
import { uuidv7 } from "../ids.ts";
import { searchCandidates } from "../services/crm-candidates.ts";
import { linkCustomer } from "../services/customer-link.ts";
import { loadResolvedSettings, type ResolvedSettings } from "../services/settings.ts";
import { customerView } from "./views.ts";

/** Front Agent's customer directory (service token). PATCH never writes to kintone (SPEC I8). */
export function customerRoutes(ctx: AppContext) {
  const app = new Hono<Env>();
  app.use("*", requireServiceToken(ctx.storage));

  app.get("/", async (c) => {
    const { q, limit, cursor } = readQuery(c, customerListQuerySchema);
    // A cursor this API did not hand out → 400 naming it (InvalidCursorError, mapped in onError).
    const page = await ctx.storage.customers.list(c.get("tenant").id, {
      limit,
      ...(q ? { q } : {}),
      ...(cursor ? { cursor } : {}),
    });
    return c.json({ customers: page.customers.map(customerView), nextCursor: page.nextCursor });
  });

  // CRM候補検索 for an FA customer (SPEC L1).
  app.get("/:id/crm-candidates", async (c) => {
    const tenantId = c.get("tenant").id;
    const customer = await ctx.storage.customers.get(tenantId, c.req.param("id"));
    if (!customer) throw new AppError(404, "CUSTOMER_NOT_FOUND");
    return c.json({
      candidates: await candidates(tenantId, { name: customer.name, company: customer.company }),
    });
  });

  app.get("/:id", async (c) => {
    const customer = await ctx.storage.customers.get(c.get("tenant").id, c.req.param("id"));
    if (!customer) throw new AppError(404, "CUSTOMER_NOT_FOUND");
    return c.json(customerView(customer));
  });

  app.post("/", async (c) => {
    const body = await readJson(c, customerCreateSchema);
    const now = ctx.now().toISOString();
    // SPEC I2/I3 apply to hand-made customers too: one of name and company stands in for the other.
    const name = body.name || body.company || "";
    const company = body.company || body.name || "";
    const created = await ctx.storage.customers.create({
      id: uuidv7(),
      tenantId: c.get("tenant").id,
      name,
      company,
      department: body.department ?? "",
      email: body.email ?? "",
      phone: body.phone ?? "",
      address: body.address ?? "",
      identityKey: identityKey(name, company),
      kintone: null,
      createdAt: now,
    });
    return c.json(customerView(created), 201);
  });

  app.patch("/:id", async (c) => {
    const body = await readJson(c, customerPatchSchema);
    const tenantId = c.get("tenant").id;
    const existing = await ctx.storage.customers.get(tenantId, c.req.param("id"));
    if (!existing) throw new AppError(404, "CUSTOMER_NOT_FOUND");
    const name = body.name ?? existing.name;
    const company = body.company ?? existing.company;
    const changed = await ctx.storage.customers.patch(
      tenantId,
      existing.id,
      { ...body, identityKey: identityKey(name, company) },
      ctx.now().toISOString(),
    );
    if (!changed) throw new AppError(404, "CUSTOMER_NOT_FOUND");
    return c.json(customerView(changed));
  });
  // SPEC L2: link an FA customer to a chosen customer-app record; exports waiting for it are written.
  app.put("/:id/kintone-link", async (c) => {
    const { recordId } = await readJson(c, kintoneLinkRequestSchema);
    return c.json(customerView(await linkCustomer(ctx, c.get("tenant").id, c.req.param("id"), recordId)));
  });

  app.delete("/:id/kintone-link", async (c) => {
    const tenantId = c.get("tenant").id;
    const customer = await ctx.storage.customers.get(tenantId, c.req.param("id"));
    if (!customer) throw new AppError(404, "CUSTOMER_NOT_FOUND");
    if (customer.kintone)
      await ctx.storage.customers.unlink(tenantId, [customer.id], "manual", ctx.now().toISOString());
    const after = await ctx.storage.customers.get(tenantId, customer.id);
    return c.json(customerView(after ?? customer));
  });
  return app;

  async function candidates(tenantId: string, query: { name: string; company: string }) {
    const settings = await loadResolvedSettings(ctx, tenantId);
    return searchCandidates(candidateDeps(ctx, settings, tenantId), tenantId, query);
  }
}

/** GET /v1/crm-candidates?name=&company= (service token). */
export function crmCandidateRoutes(ctx: AppContext) {
  const app = new Hono<Env>();
  app.use("*", requireServiceToken(ctx.storage));
  app.get("/", async (c) => {
    const { name, company } = readQuery(c, crmCandidatesQuerySchema);
    const tenantId = c.get("tenant").id;
    const settings = await loadResolvedSettings(ctx, tenantId);
    return c.json({
      candidates: await searchCandidates(candidateDeps(ctx, settings, tenantId), tenantId, { name, company }),
    });
  });
  return app;
}

function candidateDeps(ctx: AppContext, settings: ResolvedSettings, tenantId: string) {
  return {
    storage: ctx.storage,
    gateway: ctx.gatewayFor(settings, tenantId),
    settings,
    now: ctx.now,
    onQueued: ctx.jobsQueued,
  };
}
