// The jobs thread's entry (jobs-thread.ts starts it): the job worker and the scheduler of role `all`, off
// the HTTP event loop. Everything it reports goes to the HTTP thread as messages.
import { parentPort, workerData } from "node:worker_threads";
import { readConfig } from "./config.ts";
import { ForwardedMetrics } from "./forwarded-metrics.ts";
import { startJobs } from "./jobs-runner.ts";
import type { FromJobsThread, ToJobsThread } from "./jobs-thread.ts";
import { createRuntime } from "./runtime.ts";
import { StartupError } from "./startup-error.ts";
import { openStorage } from "./storage/index.ts";

const port = parentPort;
if (port === null) throw new Error("jobs-thread-main.ts runs as a worker thread only");
const say = (message: FromJobsThread) => port.postMessage(message);
const data = workerData as { secretKey: Uint8Array; secretSource: string; leaseMs: number };

try {
  const config = readConfig(process.env);
  const key = Buffer.from(data.secretKey);
  const storage = await openStorage({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    secretKey: { key, source: data.secretSource },
  });
  const metrics = new ForwardedMetrics(say);
  const runtime = createRuntime({
    config,
    storage,
    secretKey: key,
    now: () => new Date(),
    leaseMs: data.leaseMs,
    metrics,
  });
  const jobs = startJobs(runtime, { log: (entry) => say({ type: "log", entry }), leaseMs: data.leaseMs });
  port.on("message", (message: ToJobsThread) => {
    if (message.type === "jobs") jobs.notify();
    else if (message.type === "stop") {
      void (async () => {
        await jobs.stop();
        await runtime.close();
        await storage.close();
        metrics.flush();
        say({ type: "stopped" });
        port.close();
      })();
    }
  });
  say({ type: "ready" });
} catch (error) {
  say(
    error instanceof StartupError
      ? { type: "failed", code: error.code, params: error.params, message: error.message }
      : {
          type: "failed",
          code: null,
          params: {},
          message: error instanceof Error ? error.message : String(error),
        },
  );
}
