import type { Selectable } from "kysely";
import type { Db, TenantsTable } from "./schema.ts";
import { toStoredTime } from "./timestamp.ts";

/** A tenant: one kintone domain's installation. The connection key and service token are kept only as hashes. */
export interface TenantRow {
  id: string;
  name: string;
  connectionKeyHash: string;
  serviceTokenHash: string;
  webhookSecretEnc: string;
  createdAt: string;
}

export interface TenantRepository {
  create(tenant: TenantRow): Promise<TenantRow>;
  get(id: string): Promise<TenantRow | null>;
  findByConnectionKeyHash(hash: string): Promise<TenantRow | null>;
  findByServiceTokenHash(hash: string): Promise<TenantRow | null>;
  findByRecordKeyHash(hash: string): Promise<TenantRow | null>;
  /** Replaces the record key (the previous one stops working). */
  setRecordKeyHash(id: string, hash: string): Promise<void>;
  /** Oldest first. */
  list(): Promise<TenantRow[]>;
}

export function createTenantRepository(db: Db): TenantRepository {
  const findBy = async (
    column: "id" | "connection_key_hash" | "service_token_hash" | "record_key_hash",
    value: string,
  ) => {
    const row = await db.selectFrom("tenants").selectAll().where(column, "=", value).executeTakeFirst();
    return row === undefined ? null : toTenant(row);
  };
  return {
    async create(tenant) {
      const row = { ...tenant, createdAt: toStoredTime(tenant.createdAt) };
      await db
        .insertInto("tenants")
        .values({
          id: row.id,
          name: row.name,
          connection_key_hash: row.connectionKeyHash,
          service_token_hash: row.serviceTokenHash,
          webhook_secret_enc: row.webhookSecretEnc,
          created_at: row.createdAt,
        })
        .execute();
      return row;
    },
    get: (id) => findBy("id", id),
    findByConnectionKeyHash: (hash) => findBy("connection_key_hash", hash),
    findByServiceTokenHash: (hash) => findBy("service_token_hash", hash),
    findByRecordKeyHash: (hash) => findBy("record_key_hash", hash),
    async setRecordKeyHash(id, hash) {
      await db.updateTable("tenants").set({ record_key_hash: hash }).where("id", "=", id).execute();
    },
    async list() {
      const rows = await db.selectFrom("tenants").selectAll().orderBy("created_at").orderBy("id").execute();
      return rows.map(toTenant);
    },
  };
}

function toTenant(row: Selectable<TenantsTable>): TenantRow {
  return {
    id: row.id,
    name: row.name,
    connectionKeyHash: row.connection_key_hash,
    serviceTokenHash: row.service_token_hash,
    webhookSecretEnc: row.webhook_secret_enc,
    createdAt: row.created_at,
  };
}
