import type { Storage } from "../storage/index.ts";

/**
 * kintone requests per tenant, app and day (the daily budget is per app), counted in memory and written
 * every few seconds: one database write per kintone request would double the import's writes.
 */
export class RequestCounter {
  private pending = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly storage: Storage,
    private readonly everyMs = 5000,
  ) {}

  /** `day` is the UTC date: kintone's count resets at 09:00 JST, which is 00:00 UTC. */
  count(tenantId: string, appId: string, day: string): void {
    const key = `${tenantId}\t${appId}\t${day}`;
    this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
    this.timer ??= setTimeout(() => void this.flush(), this.everyMs);
  }

  /** Today's requests per app of a tenant: what is stored plus what is still counted in memory. */
  async usage(tenantId: string, day: string): Promise<Map<string, number>> {
    const used = new Map(await this.storage.requestCounts.get(tenantId, day));
    for (const [key, n] of this.pending) {
      const [tenant, appId = "", pendingDay] = key.split("\t");
      if (tenant === tenantId && pendingDay === day) used.set(appId, (used.get(appId) ?? 0) + n);
    }
    return used;
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = new Map();
    for (const [key, n] of batch) {
      const [tenantId = "", appId = "", day = ""] = key.split("\t");
      await this.storage.requestCounts.add(tenantId, appId, day, n);
    }
  }
}
