import { prepared } from "./prepared.ts";
import type { Db, FaUsersTable } from "./schema.ts";
import { toStoredTime } from "./timestamp.ts";

/**
 * A Front Agent user (the person who held the meeting), registered by Front Agent with PUT /v1/users/{id}
 * or first seen in an assist event.
 */
export interface FaUserRow {
  id: string;
  name: string;
  email: string;
  updatedAt: string;
}

export interface FaUserRepository {
  /** Inserts or replaces the user. */
  put(tenantId: string, user: FaUserRow): Promise<FaUserRow>;
  /** Inserts the user unless one with its id exists; an existing user is left exactly as it is. */
  addIfAbsent(tenantId: string, user: FaUserRow): Promise<void>;
  get(tenantId: string, id: string): Promise<FaUserRow | null>;
  /** Ordered by id. */
  list(tenantId: string): Promise<FaUserRow[]>;
}

// Runs for every assist event inside the intake's group commit: built once (see prepared.ts), and for a
// known user no more than a primary-key probe that writes nothing.
const insertUserIfAbsent = prepared<FaUsersTable, never>((db, p) =>
  db
    .insertInto("fa_users")
    .values({ tenant_id: p.tenant_id, id: p.id, name: p.name, email: p.email, updated_at: p.updated_at })
    .onConflict((oc) => oc.columns(["tenant_id", "id"]).doNothing()),
);

export function createFaUserRepository(db: Db): FaUserRepository {
  return {
    async addIfAbsent(tenantId, user) {
      await insertUserIfAbsent(db, {
        tenant_id: tenantId,
        id: user.id,
        name: user.name,
        email: user.email,
        updated_at: toStoredTime(user.updatedAt),
      });
    },
    async put(tenantId, user) {
      const row = {
        tenant_id: tenantId,
        id: user.id,
        name: user.name,
        email: user.email,
        updated_at: toStoredTime(user.updatedAt),
      };
      await db
        .insertInto("fa_users")
        .values(row)
        .onConflict((oc) =>
          oc
            .columns(["tenant_id", "id"])
            .doUpdateSet({ name: row.name, email: row.email, updated_at: row.updated_at }),
        )
        .execute();
      return { ...user, updatedAt: row.updated_at };
    },
    async get(tenantId, id) {
      const row = await db
        .selectFrom("fa_users")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .where("id", "=", id)
        .executeTakeFirst();
      return row ? { id: row.id, name: row.name, email: row.email, updatedAt: row.updated_at } : null;
    },
    async list(tenantId) {
      const rows = await db
        .selectFrom("fa_users")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .orderBy("id")
        .execute();
      return rows.map((row) => ({ id: row.id, name: row.name, email: row.email, updatedAt: row.updated_at }));
    },
  };
}
