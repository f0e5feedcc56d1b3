import { type UsersResponse, userPathSchema, userUpsertSchema } from "@front-agent/shared";
import { Hono } from "hono";
import { requireConnectionKey, requireServiceToken } from "../http/auth.ts";
import type { AppContext, Env } from "../http/context.ts";
import { readJson, readParams } from "../http/read-json.ts";
import { listUsers, registerUser } from "../services/users.ts";

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
    return c.json(await registerUser(ctx.storage, c.get("tenant").id, id, body, ctx.now()));
  });
  app.get("/", requireConnectionKey(ctx.storage), async (c) => {
    const users = await listUsers(ctx.storage, c.get("tenant").id);
    return c.json({ users } satisfies UsersResponse);
  });
  return app;
}
