import { type OriginPattern, parseAllowedOrigins } from "./kintone/origins.ts";

/** The environment of API.md "Running". */
export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  adminToken: string | null;
  secretKey: string | undefined;
  allowedOrigins: OriginPattern[];
  /** How often the scheduler looks for tenants due a sync (not in API.md; tests shorten it). */
  schedulerTickMs: number;
  /** How long a claimed job stays with its process; a crashed process's job is resumed after it. */
  jobLeaseMs: number;
  /**
   * kintone's daily request limit per app: 10,000 on the standard course, 100,000 on the wide one
   * (facts §4). The backend defers its own work at 80% of it, leaving the rest to the domain's other uses.
   */
  kintoneDailyLimit: number;
}

export class ConfigError extends Error {}

export function readConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const port = env.PORT === undefined || env.PORT === "" ? 8787 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a port number (0-65535), got "${env.PORT}"`);
  }
  if (env.ADMIN_TOKEN !== undefined && env.ADMIN_TOKEN !== "" && env.ADMIN_TOKEN.length < 16) {
    throw new ConfigError("ADMIN_TOKEN must be at least 16 characters");
  }
  let allowedOrigins: OriginPattern[];
  try {
    allowedOrigins = parseAllowedOrigins(env.KINTONE_ALLOWED_ORIGINS);
  } catch (error) {
    throw new ConfigError(`KINTONE_ALLOWED_ORIGINS: ${(error as Error).message}`);
  }
  const tick = env.SCHEDULER_TICK_MS ? Number(env.SCHEDULER_TICK_MS) : 60_000;
  const lease = env.JOB_LEASE_MS ? Number(env.JOB_LEASE_MS) : 30_000;
  const dailyLimit = env.KINTONE_DAILY_LIMIT ? Number(env.KINTONE_DAILY_LIMIT) : 10_000;
  if (!Number.isInteger(dailyLimit) || dailyLimit < 1) {
    throw new ConfigError(
      `KINTONE_DAILY_LIMIT must be a whole number of requests, got "${env.KINTONE_DAILY_LIMIT}"`,
    );
  }
  return {
    port,
    host: env.HOST || "127.0.0.1",
    dataDir: env.DATA_DIR || "./data",
    databaseUrl: env.DATABASE_URL || null,
    adminToken: env.ADMIN_TOKEN || null,
    secretKey: env.SECRET_KEY,
    allowedOrigins,
    schedulerTickMs: Number.isFinite(tick) && tick > 0 ? tick : 60_000,
    jobLeaseMs: Number.isFinite(lease) && lease >= 300 ? lease : 30_000,
    kintoneDailyLimit: dailyLimit,
  };
}
