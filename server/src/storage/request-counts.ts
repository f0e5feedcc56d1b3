import type { Db } from "./schema.ts";

/**
 * kintone requests per app per day (kintone allows 10,000 per app per day on the standard course), so the
 * backend can defer work near the cap and the diagnosis can show today's use. `day` is the UTC date
 * `YYYY-MM-DD`: kintone's count resets at 09:00 JST, which is 00:00 UTC.
 */
export interface RequestCountRepository {
  /** Adds `n` to the day's count, creating it at `n`. */
  add(tenantId: string, appId: string, day: string, n: number): Promise<void>;
  /** The day's count per app id; apps without requests are absent. */
  get(tenantId: string, day: string): Promise<Map<string, number>>;
}

export function createRequestCountRepository(db: Db): RequestCountRepository {
  return {
    async add(tenantId, appId, day, n) {
      if (n === 0) return;
      await db
        .insertInto("kintone_request_counts")
        .values({ tenant_id: tenantId, app_id: appId, day, count: n })
        // An upsert, so concurrent writers (several processes on PostgreSQL) never lose an increment.
        .onConflict((oc) =>
          oc.columns(["tenant_id", "app_id", "day"]).doUpdateSet((eb) => ({
            count: eb("kintone_request_counts.count", "+", eb.ref("excluded.count")),
          })),
        )
        .execute();
    },

    async get(tenantId, day) {
      const rows = await db
        .selectFrom("kintone_request_counts")
        .select(["app_id", "count"])
        .where("tenant_id", "=", tenantId)
        .where("day", "=", day)
        .orderBy("app_id")
        .execute();
      return new Map(rows.map((r) => [r.app_id, Number(r.count)]));
    },
  };
}
