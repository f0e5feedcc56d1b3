import type { Language } from "@front-agent/shared";
import type { ServerConfig } from "../config.ts";
import type { KintoneGateway } from "../kintone/gateway.ts";
import type { Metrics } from "../metrics.ts";
import type { ResolvedSettings } from "../services/settings.ts";
import type { Storage, TenantRow } from "../storage/index.ts";

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
}

export type Env = { Variables: { tenant: TenantRow; language: Language } };
