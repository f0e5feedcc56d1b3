import { z } from "zod";
import { frontAgentIdSchema, looseEmailSchema } from "./ids.ts";

/** PUT /v1/users/{id}: the path's id is a Front Agent user id, as an assist event's `user.id`. */
export const userPathSchema = z.object({ id: frontAgentIdSchema });

/** PUT /v1/users/{id}: registers or updates a Front Agent user (the id is the path's), limits as an event's user. */
export const userUpsertSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    email: looseEmailSchema,
  })
  .meta({ id: "UserUpsert" });

/** A Front Agent user with the kintone user mapped to it (null: not mapped in ユーザー連携). */
export const userViewSchema = z
  .object({
    id: z.string().min(1),
    name: z.string(),
    email: z.string(),
    kintoneUserCode: z
      .string()
      .nullable()
      .meta({ description: "The kintone login name; null when unmapped." }),
  })
  .meta({ id: "User" });

/** GET /v1/users. */
export const usersResponseSchema = z.object({ users: z.array(userViewSchema) });

export type UserUpsert = z.output<typeof userUpsertSchema>;
export type UserView = z.output<typeof userViewSchema>;
export type UsersResponse = z.output<typeof usersResponseSchema>;
