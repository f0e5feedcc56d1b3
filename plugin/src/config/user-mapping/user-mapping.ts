import type { UserMapping } from "@front-agent/shared";
import type { FrontAgentUser } from "../../backend.ts";
import type { KintoneEnv } from "../../kintone-env.ts";

/** The part of the User API's user (`GET /v1/users.json`) the mapping uses. */
export interface KintoneUser {
  code: string;
  name: string;
  email: string;
  /** false for a user whose account is stopped (停止中). */
  valid: boolean;
}

/** The User API answers at most 100 users per call (`size` 1–100). */
export const USERS_PAGE_SIZE = 100;

/**
 * Every kintone user, read as the logged-in administrator through `kintone.api` (session auth): no password
 * is asked for, so the integration keeps working with two-factor authentication on (SPEC S8). The User API
 * has no `/k` prefix and pages by offset; a page shorter than the size is the last.
 */
export async function loadKintoneUsers(env: KintoneEnv): Promise<KintoneUser[]> {
  const users: KintoneUser[] = [];
  for (let offset = 0; ; offset += USERS_PAGE_SIZE) {
    const page = await env.api<{ users: Array<Partial<KintoneUser>> }>("/v1/users.json", "GET", {
      size: USERS_PAGE_SIZE,
      offset,
    });
    for (const user of page.users) {
      if (!user.code) continue;
      users.push({
        code: user.code,
        name: user.name || user.code,
        email: user.email ?? "",
        valid: user.valid !== false,
      });
    }
    if (page.users.length < USERS_PAGE_SIZE) return users;
  }
}

/** E-mail addresses compare case-insensitively and without surrounding white space. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The kintone user each unmapped Front Agent user would be mapped to by e-mail: only an active kintone user
 * whose address is the same, and only when exactly one is (two accounts sharing an address are not guessed).
 */
export function suggestByEmail(
  frontAgentUsers: readonly FrontAgentUser[],
  kintoneUsers: readonly KintoneUser[],
  mappings: readonly UserMapping[],
): Map<string, KintoneUser> {
  const byEmail = new Map<string, KintoneUser[]>();
  for (const user of kintoneUsers) {
    const email = normalizeEmail(user.email);
    if (!user.valid || email === "") continue;
    byEmail.set(email, [...(byEmail.get(email) ?? []), user]);
  }
  const mapped = new Set(mappings.map((m) => m.frontAgentUserId));
  const suggestions = new Map<string, KintoneUser>();
  for (const user of frontAgentUsers) {
    if (mapped.has(user.id)) continue;
    const hits = byEmail.get(normalizeEmail(user.email)) ?? [];
    if (hits.length === 1 && hits[0]) suggestions.set(user.id, hits[0]);
  }
  return suggestions;
}

/** The mappings with one Front Agent user's kintone user set (in place, keeping the order) or removed (""). */
export function withMapping(
  mappings: readonly UserMapping[],
  frontAgentUserId: string,
  kintoneUserCode: string,
): UserMapping[] {
  if (kintoneUserCode === "") return mappings.filter((m) => m.frontAgentUserId !== frontAgentUserId);
  const next = { frontAgentUserId, kintoneUserCode };
  return mappings.some((m) => m.frontAgentUserId === frontAgentUserId)
    ? mappings.map((m) => (m.frontAgentUserId === frontAgentUserId ? next : m))
    : [...mappings, next];
}
