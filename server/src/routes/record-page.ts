import { Hono } from "hono";
import { AppError } from "../http/app-error.ts";
import { requireRecordKey } from "../http/auth.ts";
import type { AppContext, Env } from "../http/context.ts";
import { linkedCustomerUrl } from "../services/customers.ts";

/**
 * What a kintone record page may ask, with the record key its proxy call carries (plugin/README.md
 * "Threat model"): the record-view button's link (SPEC B1), nothing else.
 */
export function recordPageRoutes(ctx: AppContext) {
  const app = new Hono<Env>();
  app.use("*", requireRecordKey(ctx.storage));
  // GET /v1/kintone/customer-link?recordId=N: the linked FA customer's page in Front Agent.
  app.get("/", async (c) => {
    const recordId = c.req.query("recordId") ?? "";
    if (!/^[1-9]\d*$/.test(recordId)) {
      throw new AppError(400, "VALIDATION_FAILED", {
        issues: [{ path: "recordId", message: "a kintone record id" }],
      });
    }
    return c.json({ url: await linkedCustomerUrl(ctx.storage, c.get("tenant").id, recordId) });
  });
  return app;
}
