import { Worker } from "node:worker_threads";
import type { MessageParams, StartupCode } from "@front-agent/shared";
import type { Log } from "./app.ts";
import type { SecretKey } from "./crypto/secret-key.ts";
import type { MetricMessage } from "./forwarded-metrics.ts";
import type { RunningJobs } from "./jobs-runner.ts";
import type { Metrics } from "./metrics.ts";
import { StartupError } from "./startup-error.ts";

/** What the jobs thread (jobs-thread-main.ts) and the HTTP thread say to each other. */
export type ToJobsThread = { type: "jobs" } | { type: "stop" };
export type FromJobsThread =
  | { type: "ready" }
  | { type: "stopped" }
  // A StartupError crosses as its code and parameters (a structured clone keeps no class), anything else as text.
  | { type: "failed"; code: StartupCode; params: MessageParams<StartupCode>; message: string }
  | { type: "failed"; code: null; params: Record<string, never>; message: string }
  | { type: "log"; entry: object }
  | MetricMessage;

export interface JobsThreadOptions {
  secret: SecretKey;
  leaseMs: number;
  /** The HTTP thread's metrics: the jobs thread's counts are added to them, so /metrics shows both. */
  metrics: Metrics;
  log: Log;
  /** The thread ended without being asked (a bug): the process cannot do its work any more. */
  onCrash(error: unknown): void;
}

/**
 * Runs the jobs and the scheduler in a worker thread of their own (issue 14): writing exports (SQLite's
 * synchronous transactions, matching, JSON) then never holds up the event loop that accepts events. The
 * thread opens its own connection to the same database; the configuration is the same environment.
 */
export async function startJobsThread(options: JobsThreadOptions): Promise<RunningJobs> {
  // From the bundle (dist/main.mjs), the bundled entry beside it; from the TypeScript sources, a small
  // bootstrap that loads the .ts entry through tsx (jobs-thread-dev.mjs says why).
  const source = import.meta.url.endsWith(".ts");
  const file = new URL(source ? "./jobs-thread-dev.mjs" : "./jobs-thread-main.mjs", import.meta.url);
  const worker = new Worker(file, {
    workerData: {
      secretKey: options.secret.key,
      secretSource: options.secret.source,
      leaseMs: options.leaseMs,
    },
  });
  let state: "starting" | "running" | "stopping" = "starting";
  const ready = new Promise<void>((resolve, reject) => {
    worker.on("message", (message: FromJobsThread) => {
      switch (message.type) {
        case "ready":
          state = "running";
          resolve();
          break;
        case "failed":
          reject(
            message.code === null
              ? new Error(message.message)
              : new StartupError(message.code, message.params),
          );
          break;
        case "log":
          options.log(message.entry);
          break;
        case "metric":
          options.metrics.inc(message.name, message.labels, message.by);
          break;
      }
    });
    worker.on("error", (error) => {
      if (state === "starting") reject(error);
      else options.onCrash(error);
    });
    worker.on("exit", (code) => {
      if (state === "starting") reject(new Error(`the jobs thread ended at start (exit code ${code})`));
      else if (state === "running") options.onCrash(new Error(`the jobs thread ended (exit code ${code})`));
    });
  });
  try {
    await ready;
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  const post = (message: ToJobsThread) => worker.postMessage(message);
  return {
    notify: () => post({ type: "jobs" }),
    async stop() {
      if (state !== "running") return;
      state = "stopping";
      const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
      post({ type: "stop" });
      await exited;
    },
  };
}
