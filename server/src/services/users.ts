import type { UserUpsert, UserView } from "@front-agent/shared";
import type { Storage } from "../storage/index.ts";
import { storedSettings } from "./settings.ts";

// Front Agent users as the API shows them: the stored user and the kintone user the settings map it to
// (SPEC S8), or null when the settings map none.

/** Registers (or renames) a Front Agent user; answers it with its mapping. */
export async function registerUser(
  storage: Storage,
  tenantId: string,
  id: string,
  user: UserUpsert,
  now: Date,
): Promise<UserView> {
  const [stored, mapping] = await Promise.all([
    storage.users.put(tenantId, { id, ...user, updatedAt: now.toISOString() }),
    userMapping(storage, tenantId),
  ]);
  return userView(stored, mapping.get(stored.id) ?? null);
}

/** Every Front Agent user of the tenant, each with the kintone user mapped to it. */
export async function listUsers(storage: Storage, tenantId: string): Promise<UserView[]> {
  const [users, mapping] = await Promise.all([storage.users.list(tenantId), userMapping(storage, tenantId)]);
  return users.map((u) => userView(u, mapping.get(u.id) ?? null));
}

async function userMapping(storage: Storage, tenantId: string): Promise<Map<string, string>> {
  const settings = await storedSettings(storage, tenantId);
  return new Map((settings?.userMappings ?? []).map((m) => [m.frontAgentUserId, m.kintoneUserCode]));
}

function userView(
  user: { id: string; name: string; email: string },
  kintoneUserCode: string | null,
): UserView {
  return { id: user.id, name: user.name, email: user.email, kintoneUserCode };
}
