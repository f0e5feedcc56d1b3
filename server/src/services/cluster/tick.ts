import type { Storage } from "../../storage/index.ts";

/**
 * Whether this process fires the scheduler tick that `at` falls in. Ticks are fixed slots of `everyMs`
 * (from the epoch), and the first process to ask in a slot takes the `scheduler` lease until the slot
 * ends: with any number of processes, each tick's work (due syncs, pruning) runs once.
 */
export function claimTick(storage: Storage, holder: string, at: Date, everyMs: number): Promise<boolean> {
  const slotEnd = (Math.floor(at.getTime() / everyMs) + 1) * everyMs;
  return storage.leases.take("scheduler", holder, at.toISOString(), new Date(slotEnd).toISOString());
}
