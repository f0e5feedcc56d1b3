import { pickLanguage } from "@front-agent/shared";
import type { MiddlewareHandler } from "hono";
import { sameSecret } from "../crypto/secrets.ts";
import { tenantByConnectionKey, tenantByRecordKey, tenantByServiceToken } from "../services/tenants.ts";
import type { Storage, TenantRow } from "../storage/index.ts";
import { TtlCache } from "../ttl-cache.ts";
import { AppError } from "./app-error.ts";
import type { Env } from "./context.ts";

function bearer(header: string | undefined): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return m?.[1] ?? null;
}

/** `/v1/admin/*`: off unless ADMIN_TOKEN is set (API.md); compared in constant time. */
export function requireAdmin(adminToken: string | null): MiddlewareHandler<Env> {
  return async (c, next) => {
    if (!adminToken) throw new AppError(404, "ADMIN_API_DISABLED");
    const token = bearer(c.req.header("authorization"));
    if (!token || !sameSecret(token, adminToken)) throw new AppError(401, "UNAUTHORIZED");
    await next();
  };
}

/**
 * The plug-in's config screen: the connection key, which the administrator types on that screen and which
 * is never stored in kintone (plugin/README.md "Threat model"), so a user of a record page cannot send it.
 */
export function requireConnectionKey(storage: Storage): MiddlewareHandler<Env> {
  return tenantBy((token) => tenantByConnectionKey(storage, token));
}

/**
 * Record pages: the record key kintone's proxy adds (stored with setProxyConfig for this one call), or the
 * connection key. Any user who can open a record can send the record key, so it opens nothing else.
 */
export function requireRecordKey(storage: Storage): MiddlewareHandler<Env> {
  return tenantBy(
    async (token) => (await tenantByRecordKey(storage, token)) ?? tenantByConnectionKey(storage, token),
  );
}

/** Front Agent's calls carry the tenant's service token. */
export function requireServiceToken(storage: Storage): MiddlewareHandler<Env> {
  return tenantBy((token) => tenantByServiceToken(storage, token));
}

function tenantBy(find: (token: string) => ReturnType<typeof tenantByConnectionKey>): MiddlewareHandler<Env> {
  // Every Front Agent event carries the token: tenants found by it are remembered briefly (misses are not,
  // so random tokens cannot fill the cache). Tenants are never deleted, so a cached one cannot be stale.
  const known = new TtlCache<TenantRow>(30_000);
  return async (c, next) => {
    const token = bearer(c.req.header("authorization"));
    let tenant: TenantRow | null = null;
    if (token) {
      try {
        tenant = await known.get(token, async () => {
          const found = await find(token);
          if (!found) throw new NotFound();
          return found;
        });
      } catch (error) {
        if (!(error instanceof NotFound)) throw error;
      }
    }
    if (!tenant) throw new AppError(401, "UNAUTHORIZED");
    c.set("tenant", tenant);
    c.set("language", pickLanguage(c.req.header("accept-language")));
    await next();
  };
}

class NotFound extends Error {}
