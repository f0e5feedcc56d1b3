import type { AddressInfo } from "node:net";
import { createApp, type Log } from "./app.ts";
import type { ServerConfig } from "./config.ts";
import { loadSecretKey } from "./crypto/secret-key.ts";
import type { AppContext } from "./http/context.ts";
import type { FieldProperties, KintoneGateway } from "./kintone/gateway.ts";
import { createRestGateway } from "./kintone/rest-gateway.ts";
import { listen } from "./listen.ts";
import { Metrics } from "./metrics.ts";
import { buildCandidateIndex, CANDIDATE_INDEX_JOB } from "./services/candidate-index.ts";
import { EXPORT_JOB } from "./services/exports/intake.ts";
import { writeExport } from "./services/exports/write-export.ts";
import { runImportJob } from "./services/import/import-job.ts";
import { IMPORT_JOB } from "./services/import-runs.ts";
import { pruneFinishedJobs, Scheduler, scheduleDueSyncs } from "./services/jobs/scheduler.ts";
import { JobWorker } from "./services/jobs/worker.ts";
import { requestBudget, requestDay } from "./services/request-budget.ts";
import { RequestCounter } from "./services/request-counter.ts";
import { loadResolvedSettings, type ResolvedSettings } from "./services/settings.ts";
import { openStorage, type Storage } from "./storage/index.ts";
import { TtlCache } from "./ttl-cache.ts";

/** How many exports are written at a time (their upserts go to kintone as one request). */
const EXPORT_BATCH = 8;

export interface RunningServer {
  url: string;
  storage: Storage;
  close(): Promise<void>;
}

export interface StartOptions {
  log?: Log;
  now?: () => Date;
  /** Lease of a claimed job; a job whose process died is taken again after it (tests shorten it). */
  jobLeaseMs?: number;
}

/** Opens storage (migrating it), starts the job worker and the scheduler, and listens. */
export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const log = options.log ?? (() => {});
  const now = options.now ?? (() => new Date());
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
  const metrics = new Metrics();
  const resolvedSettings = new TtlCache<ResolvedSettings>(10_000);
  const requestCounter = new RequestCounter(storage);
  const budget = requestBudget(requestCounter, config.kintoneDailyLimit, now);
  let worker: JobWorker | undefined;

  const gatewayFor = (settings: ResolvedSettings, tenantId: string | null) =>
    createRestGateway({
      baseUrl: settings.kintone.baseUrl,
      tokens: {
        [settings.customerApp.appId]: settings.customerApp.apiToken,
        [settings.activityApp.appId]: settings.activityApp.apiToken,
      },
      allowedOrigins: config.allowedOrigins,
      onRequest: (appId, _outcome, status) => {
        metrics.inc("fa_kintone_requests_total", { app: appId, status: String(status ?? "network") });
        if (tenantId) requestCounter.count(tenantId, appId, requestDay(now()));
      },
    });

  const ctx: AppContext = {
    config,
    storage,
    secretKey: secret.key,
    metrics,
    now,
    gatewayFor,
    jobsQueued: () => worker?.notify(),
    resolvedSettings,
    budget,
  };
  const settingsDeps = { ...ctx, allowedOrigins: config.allowedOrigins };

  const forms = new TtlCache<FieldProperties>(60_000);
  // One gateway per resolved settings (kept 10 s, replaced on every save): the jobs of a tenant share its
  // kintone client, keep-alive sockets and concurrency limit instead of building them for every export.
  const gateways = new WeakMap<ResolvedSettings, KintoneGateway>();
  const connect = async (tenantId: string) => {
    const settings = await resolvedSettings.get(tenantId, () => loadResolvedSettings(settingsDeps, tenantId));
    let gateway = gateways.get(settings);
    if (!gateway) {
      gateway = gatewayFor(settings, tenantId);
      gateways.set(settings, gateway);
    }
    return { settings, gateway };
  };
  worker = new JobWorker({
    storage,
    now,
    leaseMs: options.jobLeaseMs ?? config.jobLeaseMs,
    onError: (job, error) =>
      log({ level: "error", msg: "job failed", job: job.id, kind: job.kind, error: String(error) }),
    batches: { [EXPORT_JOB]: EXPORT_BATCH },
    handlers: {
      [EXPORT_JOB]: async (job) => {
        const { exportId } = job.payload as { exportId: string };
        const status = await writeExport(
          { storage, now, connect, forms, budget, onQueued: ctx.jobsQueued },
          job.tenantId,
          exportId,
        );
        if (status) metrics.inc("fa_exports_total", { status });
      },
      [CANDIDATE_INDEX_JOB]: async (job) => {
        await buildCandidateIndex({ storage, now, connect }, job.tenantId);
      },
      [IMPORT_JOB]: (job) =>
        runImportJob(
          {
            storage,
            now,
            connect,
            budget,
            onEnded: (run) => {
              metrics.inc("fa_import_runs_total", { kind: run.kind, status: run.status });
              for (const outcome of ["read", "created", "updated", "skipped", "failed"] as const) {
                metrics.inc("fa_import_records_total", { outcome }, run[outcome]);
              }
              log({
                level: "info",
                msg: "import run finished",
                tenant: job.tenantId,
                run: run.id,
                kind: run.kind,
                status: run.status,
                read: run.read,
                error: run.error,
              });
            },
          },
          job,
        ),
    },
  });
  let prunedAt = 0;
  const scheduler = new Scheduler(async () => {
    await scheduleDueSyncs(storage, now(), () => worker?.notify());
    // Once an hour is plenty for deleting week-old finished jobs.
    if (now().getTime() - prunedAt >= 3_600_000) {
      prunedAt = now().getTime();
      await pruneFinishedJobs(storage, now());
    }
  }, config.schedulerTickMs);

  const app = createApp(ctx, log);
  const server = await listen(app.fetch, config.port, config.host).catch(async (error: unknown) => {
    await storage.close();
    throw error;
  });
  // Jobs start once the server listens: a second process started by mistake on a busy port must not take
  // jobs in the moment before it exits.
  worker.start();
  scheduler.start();
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${config.host}:${port}`,
    storage,
    close: async () => {
      scheduler.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await worker?.stop();
      await requestCounter.flush();
      await storage.close();
    },
  };
}
