import { pickLanguage } from "@front-agent/shared";
import { Hono } from "hono";
import { errorBody } from "./http/on-error.ts";
import type { Metrics } from "./metrics.ts";
import type { Storage } from "./storage/index.ts";

/**
 * The health check (for a supervisor or a load balancer) and the metrics, on every role's port. Healthy
 * means ready to do the process's whole work: the database answers and the jobs it runs have started.
 */
export function opsRoutes(storage: Storage, metrics: Metrics, jobsStarted: () => boolean): Hono {
  const app = new Hono();
  app.get("/healthz", async (c) => {
    const language = pickLanguage(c.req.header("accept-language"));
    if (!jobsStarted()) return c.json(errorBody("STARTING", language), 503);
    if (await storage.ping()) return c.json({ status: "ok" });
    return c.json(errorBody("NOT_READY", language), 503);
  });
  app.get("/metrics", (c) =>
    c.text(metrics.render(), 200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" }),
  );
  return app;
}

/**
 * What a worker process (ROLE=worker) answers on its port: health and metrics (exports written, import
 * runs, kintone requests), nothing else. A worker holds no tenant-facing route.
 */
export function createOpsApp(storage: Storage, metrics: Metrics, jobsStarted: () => boolean): Hono {
  const app = opsRoutes(storage, metrics, jobsStarted);
  app.notFound((c) => {
    const language = pickLanguage(c.req.header("accept-language"));
    return c.json(errorBody("NOT_FOUND", language), 404);
  });
  return app;
}
