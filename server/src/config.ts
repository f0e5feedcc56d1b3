import { isIP } from "node:net";
import type { StartupCode } from "@front-agent/shared";
import { type OriginPattern, OriginPatternError, parseAllowedOrigins } from "./kintone/origins.ts";
import { StartupError } from "./startup-error.ts";

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
  /**
   * The most records a tenant's first import may read (SPEC I9): administrators choose up to this in the
   * settings, more only through the operator. A first import reads within one run and one day's request
   * budget, so the ceiling is the operator's call, not each tenant's.
   */
  maxInitialRecords: number;
  /**
   * What this process runs (docs/operator-guide.md "Several machines"): `all` the HTTP API and the jobs,
   * `web` the HTTP API only, `worker` the jobs and the scheduler only. Any number of each on one PostgreSQL.
   */
  role: ServerRole;
  /**
   * With `all`: the jobs run in a worker thread, off the event loop that answers HTTP, so accepting events
   * never waits on writing exports. `WORKER_THREAD=false` runs them on the one loop (for comparison).
   */
  workerThread: boolean;
}

export const SERVER_ROLES = ["all", "web", "worker"] as const;
export type ServerRole = (typeof SERVER_ROLES)[number];

/** A configuration the server refuses to start with (exit code 2). */
export class ConfigError<C extends StartupCode = StartupCode> extends StartupError<C> {}

// Node's timers take at most 2^31-1 ms; a longer interval silently fires after 1 ms instead.
const MAX_TIMER_MS = 2_147_483_647;

/** A host name as RFC 1123 spells it (letters, digits, hyphens, dot-separated labels). */
const HOST_NAME =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

/**
 * Reads and checks the environment; pure, so every rule is tested without starting anything. A value that
 * is set but wrong stops the start rather than falling back to a default the operator did not choose.
 */
export function readConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const portText = env.PORT || "8787";
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    throw new ConfigError("CONFIG_PORT_INVALID", { value: portText });
  }
  const host = env.HOST || "127.0.0.1";
  if (isIP(host) === 0 && !HOST_NAME.test(host)) {
    throw new ConfigError("CONFIG_HOST_INVALID", { value: host });
  }
  // A token with spaces cannot be sent back intact in an Authorization header, and one of spaces only is
  // no secret at all.
  const adminToken = env.ADMIN_TOKEN || null;
  if (adminToken !== null && (adminToken.length < 16 || /\s/.test(adminToken))) {
    throw new ConfigError("CONFIG_ADMIN_TOKEN_INVALID", {});
  }
  let allowedOrigins: OriginPattern[];
  try {
    allowedOrigins = parseAllowedOrigins(env.KINTONE_ALLOWED_ORIGINS);
  } catch (error) {
    if (!(error instanceof OriginPatternError)) throw error;
    throw new ConfigError("CONFIG_ALLOWED_ORIGINS_INVALID", { problem: error.message });
  }
  return {
    port,
    host,
    dataDir: env.DATA_DIR || "./data",
    databaseUrl: databaseUrl(env.DATABASE_URL),
    adminToken,
    secretKey: env.SECRET_KEY,
    allowedOrigins,
    schedulerTickMs: wholeNumber(env, "SCHEDULER_TICK_MS", 60_000, 1, MAX_TIMER_MS),
    // Below 300 ms a job's lease could run out while its own process is still renewing it.
    jobLeaseMs: wholeNumber(env, "JOB_LEASE_MS", 30_000, 300, MAX_TIMER_MS),
    kintoneDailyLimit: wholeNumber(env, "KINTONE_DAILY_LIMIT", 10_000, 1, 1_000_000_000),
    // The settings' own bound on initialMaxRecords: a higher ceiling could never be used.
    maxInitialRecords: wholeNumber(env, "MAX_INITIAL_RECORDS", 3000, 1, 1_000_000),
    role: role(env.ROLE),
    workerThread: flag(env, "WORKER_THREAD", true),
  };
}

/**
 * DATABASE_URL: a PostgreSQL URL, or unset for the embedded SQLite. Anything else (a `sqlite:` or
 * `mysql:` URL, a bare host) is refused rather than ignored; the message names only the scheme, never
 * the URL, which carries the password.
 */
function databaseUrl(value: string | undefined): string | null {
  if (!value) return null;
  if (/^postgres(ql)?:\/\/./i.test(value)) return value;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1];
  throw new ConfigError("CONFIG_DATABASE_URL_UNSUPPORTED", { scheme: scheme ? `${scheme}:` : "(no scheme)" });
}

function role(value: string | undefined): ServerRole {
  if (!value) return "all";
  const known = SERVER_ROLES.find((r) => r === value);
  if (known === undefined) throw new ConfigError("CONFIG_ROLE_INVALID", { value });
  return known;
}

/** An optional true/false: unset or empty takes the default; anything but true/false/1/0 is refused. */
function flag(env: NodeJS.ProcessEnv, variable: string, fallback: boolean): boolean {
  const text = env[variable];
  if (text === undefined || text === "") return fallback;
  if (text === "true" || text === "1") return true;
  if (text === "false" || text === "0") return false;
  throw new ConfigError("CONFIG_NUMBER_INVALID", { variable, value: text, min: 0, max: 1 });
}

/** An optional whole number within [min, max]: unset or empty takes the default, anything else must fit. */
function wholeNumber(
  env: NodeJS.ProcessEnv,
  variable: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const text = env[variable];
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new ConfigError("CONFIG_NUMBER_INVALID", { variable, value: text, min, max });
  }
  return value;
}
