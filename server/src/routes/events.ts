import { assistEventSchema } from "@front-agent/shared";
import { Hono } from "hono";
import { AppError } from "../http/app-error.ts";
import { requireServiceToken } from "../http/auth.ts";
import type { AppContext, Env } from "../http/context.ts";
import { parseJson, readJsonBytes } from "../http/read-json.ts";
import { AssistSignatures } from "../services/exports/assist-signature.ts";
import { ExportIntake } from "../services/exports/intake.ts";
import { exportView } from "./views.ts";

/** Front Agent's assist events (service token + X-FA-Signature), SPEC E1/E5. */
export function eventRoutes(ctx: AppContext) {
  const app = new Hono<Env>();
  const signatures = new AssistSignatures(ctx.secretKey, ctx.now);
  const intake = new ExportIntake(ctx.storage, ctx.now, ctx.jobsQueued);
  app.use("*", requireServiceToken(ctx.storage));
  app.post("/assist", async (c) => {
    const raw = await readJsonBytes(c);
    const tenant = c.get("tenant");
    const check = await signatures.check(tenant, c.req.header("x-fa-signature"), raw);
    if (!check.ok) throw new AppError(403, "SIGNATURE_INVALID", { reason: check.reason });
    const event = parseJson(raw, assistEventSchema);
    const { export: stored, created } = await intake.accept(tenant.id, event);
    const view = exportView(stored, c.get("language"));
    return c.json({ exportId: view.exportId, status: view.status }, created ? 202 : 200);
  });
  return app;
}
