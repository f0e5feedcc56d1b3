import type { Storage } from "../../storage/index.ts";
import { KeyedLock } from "../keyed-lock.ts";
import { sleep } from "./holder.ts";

export interface LeaseLockOptions {
  storage: Storage;
  /** This process (holder.ts). */
  holder: string;
  now(): Date;
  /** How long a held lock outlives its process if that dies; renewed every third of it while held. */
  leaseMs: number;
  /** The first wait for a held lock; doubled up to 16 times that (PostgreSQL has no cheap wake-up here). */
  pollMs?: number;
}

/**
 * A lock that holds across every process on the database (a lease row), for work that must not run
 * twice at once anywhere: matching and registering a tenant's customers. Tasks of this process queue
 * in memory first, so only one of them at a time asks the database.
 */
export class LeaseLock {
  private readonly local = new KeyedLock();

  constructor(private readonly options: LeaseLockOptions) {}

  run<T>(name: string, task: () => Promise<T>): Promise<T> {
    return this.local.run(name, async () => {
      const { storage, holder, now, leaseMs } = this.options;
      const until = () => new Date(now().getTime() + leaseMs).toISOString();
      const first = this.options.pollMs ?? 10;
      for (let wait = first; !(await storage.leases.take(name, holder, now().toISOString(), until())); ) {
        await sleep(wait);
        wait = Math.min(wait * 2, first * 16);
      }
      const heartbeat = setInterval(
        () => void storage.leases.renew([name], holder, until()).catch(() => {}),
        leaseMs / 3,
      );
      try {
        return await task();
      } finally {
        clearInterval(heartbeat);
        await storage.leases.release([name], holder);
      }
    });
  }
}
