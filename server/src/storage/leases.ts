import type { Db } from "./schema.ts";
import { toStoredTime } from "./timestamp.ts";

/**
 * Named claims that expire, shared by every process on the database: the scheduler's tick, a tenant's
 * kintone request slots, the lock on registering a customer. A process that dies (SIGKILL, power) gives
 * its leases back by not renewing them. Times are the processes' clocks (keep them in NTP sync, as the
 * job leases already need).
 */
export interface LeaseRepository {
  /**
   * Takes `name` for `holder` until `until` when it is free: never taken, given back, or its lease ended
   * by `now`. Not re-entrant: a name the holder already has is not taken again (renew it instead), so a
   * process cannot fire the same scheduler tick twice. True when taken.
   */
  take(name: string, holder: string, now: string, until: string): Promise<boolean>;
  /** The first of `names` that `take` gets, in order; null when all are held. */
  takeAny(names: readonly string[], holder: string, now: string, until: string): Promise<string | null>;
  /** Extends the holder's leases; answers the names it still held (a lost one was taken over). */
  renew(names: readonly string[], holder: string, until: string): Promise<string[]>;
  /** Gives the holder's leases back at once. */
  release(names: readonly string[], holder: string): Promise<void>;
}

export function createLeaseRepository(db: Db): LeaseRepository {
  const take = async (name: string, holder: string, now: string, until: string) => {
    // One statement on both databases: a name nobody has is inserted; one whose lease ended is taken
    // over; a held one is left alone and nothing is returned. Two processes racing for the same name:
    // one inserts or updates, the other sees the new lease in the WHERE and gets nothing.
    const row = await db
      .insertInto("leases")
      .values({ name, holder, lease_until: toStoredTime(until) })
      .onConflict((oc) =>
        oc
          .column("name")
          .doUpdateSet((eb) => ({
            holder: eb.ref("excluded.holder"),
            lease_until: eb.ref("excluded.lease_until"),
          }))
          .where("leases.lease_until", "<=", toStoredTime(now)),
      )
      .returning("name")
      .executeTakeFirst();
    return row !== undefined;
  };
  return {
    take,

    async takeAny(names, holder, now, until) {
      if (names.length === 0) return null;
      // Which are held right now, in one read, so the usual case is two statements, not one per name.
      const held = await db
        .selectFrom("leases")
        .select("name")
        .where("name", "in", names)
        .where("lease_until", ">", toStoredTime(now))
        .execute();
      const busy = new Set(held.map((row) => row.name));
      for (const name of names) {
        if (!busy.has(name) && (await take(name, holder, now, until))) return name;
      }
      return null;
    },

    async renew(names, holder, until) {
      if (names.length === 0) return [];
      const rows = await db
        .updateTable("leases")
        .set({ lease_until: toStoredTime(until) })
        .where("name", "in", names)
        .where("holder", "=", holder)
        .returning("name")
        .execute();
      return rows.map((row) => row.name);
    },

    async release(names, holder) {
      if (names.length === 0) return;
      await db.deleteFrom("leases").where("name", "in", names).where("holder", "=", holder).execute();
    },
  };
}
