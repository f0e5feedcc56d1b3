import { pickLanguage } from "@front-agent/shared";
import { Hono } from "hono";
import { bodyLimit } from "./http/body-limit.ts";
import type { AppContext, Env } from "./http/context.ts";
import { errorBody, errorResponse } from "./http/on-error.ts";
import { opsRoutes } from "./ops-app.ts";
import { adminRoutes } from "./routes/admin.ts";
import { crmCandidateRoutes, customerRoutes } from "./routes/customers.ts";
import { eventRoutes } from "./routes/events.ts";
import { exportRoutes } from "./routes/exports.ts";
import { kintoneRoutes } from "./routes/kintone.ts";
import { kintoneExportRoutes } from "./routes/kintone-exports.ts";
import { openApiDocument } from "./routes/openapi.ts";
import { recordPageRoutes } from "./routes/record-page.ts";
import { userRoutes } from "./routes/users.ts";

export type Log = (entry: object) => void;

export function createApp(ctx: AppContext, log: Log = () => {}): Hono<Env> {
  const app = new Hono<Env>();
  app.route("/", opsRoutes(ctx.storage, ctx.metrics, ctx.jobsStarted));
  app.get("/openapi.json", (c) => c.json(openApiDocument()));
  // Before every route, so no route can read more than 1 MiB of a body, whatever it does with it.
  app.use("*", bodyLimit());
  app.route("/v1/admin", adminRoutes(ctx));
  // Before the config screen's routes: the record key opens this path and no other.
  app.route("/v1/kintone/customer-link", recordPageRoutes(ctx));
  app.route("/v1/kintone/exports", kintoneExportRoutes(ctx));
  app.route("/v1/kintone", kintoneRoutes(ctx));
  app.route("/v1/customers", customerRoutes(ctx));
  app.route("/v1/crm-candidates", crmCandidateRoutes(ctx));
  app.route("/v1/users", userRoutes(ctx));
  app.route("/v1/events", eventRoutes(ctx));
  app.route("/v1/exports", exportRoutes(ctx));

  app.notFound((c) => {
    const language = pickLanguage(c.req.header("accept-language"));
    return c.json(errorBody("NOT_FOUND", language), 404);
  });
  app.onError((error, c) => errorResponse(error, c, log));
  return app;
}
