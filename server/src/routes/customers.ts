import {
  crmCandidatesQuerySchema,
  customerCreateSchema,
  customerListQuerySchema,
  customerPatchSchema,
  kintoneLinkRequestSchema,
} from "@front-agent/shared";
import { Hono } from "hono";
import { requireServiceToken } from "../http/auth.ts";
import type { AppContext, Env } from "../http/context.ts";
import { readJson, readQuery } from "../http/read-json.ts";
import { linkCustomer, unlinkCustomer } from "../services/customer-link.ts";
import {
  createCustomer,
  crmCandidates,
  customerCrmCandidates,
  findCustomer,
  patchCustomer,
} from "../services/customers.ts";
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
  app.get("/:id/crm-candidates", async (c) =>
    c.json({ candidates: await customerCrmCandidates(ctx, c.get("tenant").id, c.req.param("id")) }),
  );

  app.get("/:id", async (c) =>
    c.json(customerView(await findCustomer(ctx.storage, c.get("tenant").id, c.req.param("id")))),
  );

  app.post("/", async (c) => {
    const body = await readJson(c, customerCreateSchema);
    return c.json(customerView(await createCustomer(ctx, c.get("tenant").id, body)), 201);
  });

  app.patch("/:id", async (c) => {
    const body = await readJson(c, customerPatchSchema);
    return c.json(customerView(await patchCustomer(ctx, c.get("tenant").id, c.req.param("id"), body)));
  });
  // SPEC L2: link an FA customer to a chosen customer-app record; exports waiting for it are written.
  app.put("/:id/kintone-link", async (c) => {
    const { recordId } = await readJson(c, kintoneLinkRequestSchema);
    return c.json(customerView(await linkCustomer(ctx, c.get("tenant").id, c.req.param("id"), recordId)));
  });

  app.delete("/:id/kintone-link", async (c) =>
    c.json(customerView(await unlinkCustomer(ctx, c.get("tenant").id, c.req.param("id")))),
  );
  return app;
}

/** GET /v1/crm-candidates?name=&company= (service token). */
export function crmCandidateRoutes(ctx: AppContext) {
  const app = new Hono<Env>();
  app.use("*", requireServiceToken(ctx.storage));
  app.get("/", async (c) => {
    const query = readQuery(c, crmCandidatesQuerySchema);
    return c.json({ candidates: await crmCandidates(ctx, c.get("tenant").id, query) });
  });
  return app;
}
