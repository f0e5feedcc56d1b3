import { prepared } from "./prepared.ts";
import type { Db } from "./schema.ts";
import { toStoredTime } from "./timestamp.ts";

/**
 * A tenant's saved settings. `body` is the settings JSON with the API tokens taken out; the tokens live in
 * their own columns, encrypted, so the body can be shown or logged without a secret in it.
 * `importKey` fingerprints what the import depends on (customer app and mapping): a change starts a first import.
 */
export interface SettingsRow {
  body: unknown;
  customerTokenEnc: string | null;
  activityTokenEnc: string | null;
  importKey: string | null;
  savedAt: string;
}

export interface SettingsRepository {
  get(tenantId: string): Promise<SettingsRow | null>;
  /**
   * When the settings were last saved, null when never: one indexed read, so a process that keeps the
   * settings decrypted in memory can see that another process saved new ones.
   */
  savedAt(tenantId: string): Promise<string | null>;
  /** Inserts or replaces the tenant's settings. */
  put(tenantId: string, settings: SettingsRow): Promise<void>;
}

const savedAtOf = prepared<{ tenantId: string }, { saved_at: string }>((db, p) =>
  db.selectFrom("settings").select("saved_at").where("tenant_id", "=", p.tenantId),
);

export function createSettingsRepository(db: Db): SettingsRepository {
  return {
    async savedAt(tenantId) {
      const [row] = (await savedAtOf(db, { tenantId })).rows;
      return row?.saved_at ?? null;
    },
    async get(tenantId) {
      const row = await db
        .selectFrom("settings")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .executeTakeFirst();
      if (row === undefined) return null;
      return {
        body: JSON.parse(row.body),
        customerTokenEnc: row.customer_token_enc,
        activityTokenEnc: row.activity_token_enc,
        importKey: row.import_key,
        savedAt: row.saved_at,
      };
    },
    async put(tenantId, settings) {
      const values = {
        body: JSON.stringify(settings.body),
        customer_token_enc: settings.customerTokenEnc,
        activity_token_enc: settings.activityTokenEnc,
        import_key: settings.importKey,
        saved_at: toStoredTime(settings.savedAt),
      };
      await db
        .insertInto("settings")
        .values({ tenant_id: tenantId, ...values })
        .onConflict((oc) => oc.column("tenant_id").doUpdateSet(values))
        .execute();
    },
  };
}
