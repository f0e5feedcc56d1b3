import { type UsersResponse, type UserView, userPathSchema, userUpsertSchema } from "@front-agent/shared";
import { Hono } from "hono";
import { requireConnectionKey, requireServiceToken } from "../http/auth.ts";
import type { AppContext, Env } from "../http/context.ts";
import { readJson, readParams } from "../http/read-json.ts";
import { storedSettings } from "../services/settings.ts";

/**
 * Front Agent users: Front Agent registers them (service token); the plug-in lists them with the kintone
 * user each is mapped to in the settings (connection key), for the user-mapping table (SPEC S8).
 */
export function userRoutes(ctx: AppContext) {
  const app = new Hono<Env>();
  app.put("/:id", requireServiceToken(ctx.storage), async (c) => {
    // The schemas /openapi.json publishes, with an assist event's limits for the user's id and e-mail.
    const { id } = readParams(c, userPathSchema);
    const body = await readJson(c, userUpsertSchema);
    const tenantId = c.get("tenant").id;
    const user = await ctx.storage.users.put(tenantId, {
      id,
      ...body,
      updatedAt: ctx.now().toISOString(),
    });
    return c.json(userView(user, await mappedCode(tenantId, user.id)));
  });
  app.get("/", requireConnectionKey(ctx.storage), async (c) => {
    const tenantId = c.get("tenant").id;
    const [users, settings] = await Promise.all([
      ctx.storage.users.list(tenantId),
      storedSettings(ctx.storage, tenantId),
    ]);
    const mapping = new Map(
      (settings?.userMappings ?? []).map((m) => [m.frontAgentUserId, m.kintoneUserCode]),
    );
    return c.json({
      users: users.map((u) => userView(u, mapping.get(u.id) ?? null)),
    } satisfies UsersResponse);
  });
  return app;

  async function mappedCode(tenantId: string, userId: string): Promise<string | null> {
    const settings = await storedSettings(ctx.storage, tenantId);
    return settings?.userMappings.find((m) => m.frontAgentUserId === userId)?.kintoneUserCode ?? null;
  }
}

/** The published User: the stored user and the kintone user mapped to it in the settings, if any. */
function userView(
  user: { id: string; name: string; email: string },
  kintoneUserCode: string | null,
): UserView {
  return { id: user.id, name: user.name, email: user.email, kintoneUserCode };
}
