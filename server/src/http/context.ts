import type { Language } from "@front-agent/shared";
import type { ServerConfig } from "../config.ts";
import type { KintoneGateway } from "../kintone/gateway.ts";
import type { Metrics } from "../metrics.ts";
import type { RequestBudget } from "../services/request-budget.ts";
import type { ResolvedSettings } from "../services/settings.ts";
import type { Storage, TenantRow } from "../storage/index.ts";
import type { TtlCache } from "../ttl-cache.ts";

/** Everything routes reach through: built once at start-up, passed in (no module singletons). */
export interface AppContext {
  config: ServerConfig;
  storage: Storage;
  secretKey: Buffer;
  metrics: Metrics;
  now(): Date;
  gatewayFor(settings: ResolvedSettings, tenantId: string | null): KintoneGateway;
  /** Wakes the job worker when a job was queued by this process. */
  jobsQueued(): void;
  /**
   * This process does its whole work: for role `all`, its jobs run too. /healthz answers 503 until then,
   * so a supervisor or a load balancer does not send a settings save to a process whose jobs have not
   * started (its first import would wait for the jobs thread to load).
   */
  jobsStarted(): boolean;
  /** A tenant's settings with tokens decrypted, remembered briefly for the workers; dropped on every save. */
  resolvedSettings: TtlCache<ResolvedSettings>;
  /** kintone requests per app today, and the daily limit the backend keeps within. */
  budget: RequestBudget;
}

export type Env = { Variables: { tenant: TenantRow; language: Language } };
