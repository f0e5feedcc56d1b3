import type { AddressInfo } from "node:net";
import { createApp, type Log } from "./app.ts";
import type { ServerConfig } from "./config.ts";
import { loadSecretKey } from "./crypto/secret-key.ts";
import type { AppContext } from "./http/context.ts";
import { startJobs } from "./jobs-runner.ts";
import { startJobsThread } from "./jobs-thread.ts";
import { listen } from "./listen.ts";
import { createOpsApp } from "./ops-app.ts";
import { createRuntime } from "./runtime.ts";
import { openStorage, type Storage } from "./storage/index.ts";

export interface RunningServer {
  /** Where it answers: the API (roles all and web) or health and metrics only (role worker). */
  url: string;
  storage: Storage;
  close(): Promise<void>;
}

export interface StartOptions {
  log?: Log;
  now?: () => Date;
  /** Lease of a claimed job; a job whose process died is taken again after it (tests shorten it). */
  jobLeaseMs?: number;
  /**
   * Role `all`: where the jobs run. `loop` (the default here, and what in-process tests use: they pass
   * `now`) shares the HTTP event loop; `thread` is a worker thread (what `pnpm start` runs, main.ts).
   */
  jobs?: "loop" | "thread";
}

/**
 * Opens storage (migrating it) and starts what the role asks (config.role): the HTTP API, the jobs and the
 * scheduler, or both. Jobs start once the server listens: a second process started by mistake on a busy
 * port must not take jobs in the moment before it exits.
 */
export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const log = options.log ?? (() => {});
  const now = options.now ?? (() => new Date());
  const leaseMs = options.jobLeaseMs ?? config.jobLeaseMs;
  const secret = loadSecretKey(config.secretKey, config.dataDir);
  if (secret.generated) {
    log({
      level: "warn",
      msg: "SECRET_KEY is not set: generated one; back it up with the database",
      path: secret.path,
    });
  }
  const storage = await openStorage({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    secretKey: secret,
  });
  const serves = config.role !== "worker";
  const jobsHere = config.role === "worker" || (config.role === "all" && options.jobs !== "thread");
  const runtime = createRuntime({
    config,
    storage,
    secretKey: secret.key,
    now,
    leaseMs,
    ...(jobsHere ? {} : { slotLingerMs: 0 }),
  });
  let notify = () => {};
  // Role web runs no jobs: it has nothing more to start.
  let jobsStarted = config.role === "web";

  const ctx: AppContext = { ...runtime, jobsQueued: () => notify(), jobsStarted: () => jobsStarted };
  const app = serves ? createApp(ctx, log) : createOpsApp(storage, runtime.metrics, ctx.jobsStarted);
  const server = await listen(app.fetch, config.port, config.host).catch(async (error: unknown) => {
    await storage.close();
    throw error;
  });
  const stops: Array<() => Promise<void>> = [];
  if (jobsHere) {
    // A worker process hears of new jobs from no one: it looks often. In one process it is woken.
    const jobs = startJobs(runtime, { log, leaseMs, ...(config.role === "worker" ? { pollMs: 250 } : {}) });
    notify = jobs.notify;
    stops.push(jobs.stop);
    jobsStarted = true;
  } else if (config.role === "all") {
    const jobs = await startJobsThread({
      secret,
      leaseMs,
      metrics: runtime.metrics,
      log,
      // Serving without anyone writing the exports would look healthy and do nothing: stop, so the
      // supervisor restarts the whole process.
      onCrash: (error) => {
        log({ level: "error", msg: "jobs thread stopped", error: String(error) });
        process.exit(1);
      },
    }).catch(async (error: unknown) => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await storage.close();
      throw error;
    });
    notify = jobs.notify;
    stops.push(jobs.stop);
    jobsStarted = true;
  }
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${config.host}:${port}`,
    storage,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const stop of stops) await stop();
      await runtime.close();
      await storage.close();
    },
  };
}
