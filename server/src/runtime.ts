import type { ServerConfig } from "./config.ts";
import type { FieldProperties, KintoneGateway } from "./kintone/gateway.ts";
import { MAX_CONCURRENT_PER_TENANT } from "./kintone/gateway.ts";
import { createRestGateway } from "./kintone/rest-gateway.ts";
import { Metrics } from "./metrics.ts";
import { leaseHolder } from "./services/cluster/holder.ts";
import { KintoneSlots } from "./services/cluster/kintone-slots.ts";
import { LeaseLock } from "./services/cluster/lease-lock.ts";
import { type RequestBudget, requestBudget, requestDay } from "./services/request-budget.ts";
import { RequestCounter } from "./services/request-counter.ts";
import { loadResolvedSettings, type ResolvedSettings } from "./services/settings.ts";
import type { Storage } from "./storage/index.ts";
import { TtlCache } from "./ttl-cache.ts";

/**
 * What the HTTP side and the job side of one process (or thread) share: the kintone gateways with each
 * tenant's concurrency limit, the request counter and daily budget, the caches, and this process's name
 * in the leases that hold across processes. Built once per process; the pieces that must agree across
 * processes (slots, locks, counts) live in the database.
 */
export interface Runtime {
  config: ServerConfig;
  storage: Storage;
  secretKey: Buffer;
  metrics: Metrics;
  now(): Date;
  /** This process in the leases table. */
  holder: string;
  resolvedSettings: TtlCache<ResolvedSettings>;
  forms: TtlCache<FieldProperties>;
  budget: RequestBudget;
  /** A gateway for these settings; with a tenant, its requests count and share the tenant's slots. */
  gatewayFor(settings: ResolvedSettings, tenantId: string | null): KintoneGateway;
  /** The tenant's current settings and the gateway built for them (kept while the settings are). */
  connect(tenantId: string): Promise<{ settings: ResolvedSettings; gateway: KintoneGateway }>;
  /** Work that must not run twice at once anywhere (matching a tenant's customers, building its index). */
  locks: LeaseLock;
  /** Gives back this process's slots and writes the last request counts. */
  close(): Promise<void>;
}

export interface RuntimeOptions {
  config: ServerConfig;
  storage: Storage;
  secretKey: Buffer;
  now: () => Date;
  leaseMs: number;
  metrics?: Metrics;
  /**
   * How long an idle kintone slot is kept for the next request (KintoneSlots). A process that only answers
   * HTTP gives its slots back at once (0): its requests come in short bursts (a settings save's checks), and
   * a slot it kept would hold up the jobs thread or worker that the same save just gave work to (the first
   * import waited ~400 ms for the save's slots). Where jobs run, a burst of exports keeps them (default).
   */
  slotLingerMs?: number;
}

export function createRuntime(options: RuntimeOptions): Runtime {
  const { config, storage, secretKey, now, leaseMs } = options;
  const metrics = options.metrics ?? new Metrics();
  const holder = leaseHolder();
  const resolvedSettings = new TtlCache<ResolvedSettings>(10_000);
  const forms = new TtlCache<FieldProperties>(60_000);
  const requestCounter = new RequestCounter(storage);
  const budget = requestBudget(requestCounter, config.kintoneDailyLimit, now);
  // One per tenant for the life of the process, whatever gateway asks: a gateway is rebuilt when the
  // settings are, and the limit must hold across the old one's last requests and the new one's first.
  const slots = new Map<string, KintoneSlots>();
  const slotsOf = (tenantId: string) => {
    let tenantSlots = slots.get(tenantId);
    if (!tenantSlots) {
      tenantSlots = new KintoneSlots({
        storage,
        holder,
        now,
        tenantId,
        limit: MAX_CONCURRENT_PER_TENANT,
        leaseMs,
        ...(options.slotLingerMs === undefined ? {} : { lingerMs: options.slotLingerMs }),
      });
      slots.set(tenantId, tenantSlots);
    }
    return tenantSlots;
  };

  const gatewayFor = (settings: ResolvedSettings, tenantId: string | null) =>
    createRestGateway({
      baseUrl: settings.kintone.baseUrl,
      tokens: {
        [settings.customerApp.appId]: settings.customerApp.apiToken,
        [settings.activityApp.appId]: settings.activityApp.apiToken,
      },
      allowedOrigins: config.allowedOrigins,
      ...(tenantId ? { limiter: slotsOf(tenantId) } : {}),
      onRequest: (appId, _outcome, status) => {
        metrics.inc("fa_kintone_requests_total", { app: appId, status: String(status ?? "network") });
        if (tenantId) requestCounter.count(tenantId, appId, requestDay(now()));
      },
    });

  const settingsDeps = { storage, secretKey };
  // One gateway per resolved settings (kept 10 s, replaced on every save): the jobs of a tenant share its
  // kintone client and keep-alive sockets instead of building them for every export.
  const gateways = new WeakMap<ResolvedSettings, KintoneGateway>();
  // Which save each cached settings came from: another process (the web process, where the administrator
  // saves) may have saved since, and minutes must never go to the customer app the settings just left.
  const savedAtOf = new WeakMap<ResolvedSettings, string | null>();
  const load = async (tenantId: string) => {
    const savedAt = await storage.settings.savedAt(tenantId);
    const settings = await loadResolvedSettings(settingsDeps, tenantId);
    savedAtOf.set(settings, savedAt);
    return settings;
  };
  const connect = async (tenantId: string) => {
    let settings = await resolvedSettings.get(tenantId, () => load(tenantId));
    if (savedAtOf.get(settings) !== (await storage.settings.savedAt(tenantId))) {
      resolvedSettings.delete(tenantId);
      settings = await resolvedSettings.get(tenantId, () => load(tenantId));
    }
    let gateway = gateways.get(settings);
    if (!gateway) {
      gateway = gatewayFor(settings, tenantId);
      gateways.set(settings, gateway);
    }
    return { settings, gateway };
  };

  return {
    config,
    storage,
    secretKey,
    metrics,
    now,
    holder,
    resolvedSettings,
    forms,
    budget,
    gatewayFor,
    connect,
    locks: new LeaseLock({ storage, holder, now, leaseMs }),
    async close() {
      await Promise.all([...slots.values()].map((s) => s.close().catch(() => {})));
      await requestCounter.flush();
    },
  };
}
