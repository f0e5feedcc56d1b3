import { assistEventSchema } from "@front-agent/shared";
import { verifyAssistSignature } from "@front-agent/shared/node";
import { Hono } from "hono";
import { decryptSecret } from "../crypto/secrets.ts";
import { AppError } from "../http/app-error.ts";
import { requireServiceToken } from "../http/auth.ts";
import type { AppContext, Env } from "../http/context.ts";
import { parseJson, readJsonBytes } from "../http/read-json.ts";
import { ExportIntake } from "../services/exports/intake.ts";
import { TtlCache } from "../ttl-cache.ts";
import { exportView } from "./views.ts";

/** Front Agent's assist events (service token + X-FA-Signature), SPEC E1/E5. */
export function eventRoutes(ctx: AppContext) {
  const app = new Hono<Env>();
  const secrets = new TtlCache<string>(60_000);
  const intake = new ExportIntake(ctx.storage, ctx.now, ctx.jobsQueued);
  app.use("*", requireServiceToken(ctx.storage));
  app.post("/assist", async (c) => {
    const raw = await readJsonBytes(c);
    const tenant = c.get("tenant");
    // The signature covers the raw bytes, so it is checked before the body is parsed.
    const secret = await secrets.get(tenant.id, async () =>
      decryptSecret(ctx.secretKey, tenant.webhookSecretEnc),
    );
    const check = verifyAssistSignature(c.req.header("x-fa-signature"), secret, raw, ctx.now());
    if (!check.ok) throw new AppError(403, "SIGNATURE_INVALID", { reason: check.reason });
    const event = parseJson(raw, assistEventSchema);
    const { export: stored, created } = await intake.accept(tenant.id, event);
    const view = exportView(stored, c.get("language"));
    return c.json({ exportId: view.exportId, status: view.status }, created ? 202 : 200);
  });
  return app;
}
