import { kintoneErrors } from "../errors/catalogue.ts";
import type { KintoneError } from "../errors/kintone-error.ts";
import { ALL_PERMISSIONS, type AppState, type Permissions } from "../model/app.ts";
import type { ApiToken, Domain, EmulatedUser } from "../model/domain.ts";
import type { UserEntity } from "../model/kintone-types.ts";

/** Who a request acts as. `system` is the emulator's own control API (seeding), never a kintone client. */
export type Principal =
  | { kind: "user"; user: EmulatedUser }
  | { kind: "token"; tokens: ApiToken[] }
  | { kind: "system" };

export interface AuthHeaders {
  authorization?: string | undefined;
  apiToken?: string | undefined;
}

/** kintone allows at most 9 tokens in one header (facts §5.1). */
const MAX_TOKENS = 9;

/**
 * kintone's authentication: password (`X-Cybozu-Authorization`) wins over API tokens when both are
 * sent (facts §5.1, cli-kintone's test); tokens are comma-separated, one per app.
 */
export function authenticate(domain: Domain, headers: AuthHeaders): Principal {
  if (headers.authorization) return passwordLogin(domain, headers.authorization);
  if (headers.apiToken) return tokenLogin(domain, headers.apiToken);
  throw kintoneErrors.noAuth();
}

function passwordLogin(domain: Domain, header: string): Principal {
  const decoded = Buffer.from(header, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  const user = colon > 0 ? domain.users.get(decoded.slice(0, colon)) : undefined;
  if (!user?.valid || user.password === "" || user.password !== decoded.slice(colon + 1)) {
    throw kintoneErrors.passwordFailed();
  }
  if (domain.settings.twoFactorForced || user.twoFactor) throw kintoneErrors.twoFactorRequired();
  return { kind: "user", user };
}

function tokenLogin(domain: Domain, header: string): Principal {
  // Node joins repeated X-Cybozu-API-Token headers with ", ": both forms end up here.
  const values = header
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t !== "");
  if (values.length > MAX_TOKENS) throw kintoneErrors.tooManyTokens();
  const tokens: ApiToken[] = [];
  const apps = new Set<number>();
  for (const value of values) {
    const token = domain.tokens.get(value);
    // A mix of valid and invalid tokens is refused as a whole (facts §5.1).
    if (!token?.deployed) throw kintoneErrors.tokenInvalid();
    if (apps.has(token.appId)) throw kintoneErrors.tokenDuplicate();
    apps.add(token.appId);
    tokens.push(token);
  }
  if (tokens.length === 0) throw kintoneErrors.noAuth();
  return { kind: "token", tokens };
}

export type Permission = keyof Permissions;

/** What an API needs: all of `all`, and at least one of `any` when given. */
export interface Need {
  all?: Permission[];
  any?: Permission[];
}

/**
 * Checks that the principal may call an API on `app`: a token of that app holding the permissions,
 * or a user whose app permissions allow it. Token failures are GAIA_*, user failures CB_NO02 (facts §6).
 */
export function requirePermission(principal: Principal, app: AppState, need: Need): void {
  const failure = permissionFailure(principal, app, need);
  if (failure) throw failure;
}

export function permissionFailure(principal: Principal, app: AppState, need: Need): KintoneError | null {
  if (principal.kind === "system") return null;
  if (principal.kind === "token") {
    const token = principal.tokens.find((t) => t.appId === app.id);
    if (!token) return kintoneErrors.tokenOtherApp();
    return satisfies(token.permissions, need) ? null : kintoneErrors.tokenNoPermission();
  }
  const permissions = app.userPermissions.get(principal.user.code) ?? ALL_PERMISSIONS;
  return satisfies(permissions, need) ? null : kintoneErrors.userNoPermission();
}

function satisfies(p: Permissions, need: Need): boolean {
  if (need.all && !need.all.every((k) => p[k])) return false;
  if (need.any && !need.any.some((k) => p[k])) return false;
  return true;
}

/** CREATOR/MODIFIER of a write: API-token writes are recorded as "Administrator" (facts §2). */
export function writerEntity(principal: Principal): UserEntity {
  if (principal.kind === "user") return { code: principal.user.code, name: principal.user.name };
  return { code: "Administrator", name: "Administrator" };
}

export function loginUserCode(principal: Principal): string | null {
  return principal.kind === "user" ? principal.user.code : null;
}
