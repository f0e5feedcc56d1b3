import type { RequestLimiter } from "../../kintone/limiter.ts";
import type { Storage } from "../../storage/index.ts";

export interface KintoneSlotsOptions {
  storage: Storage;
  holder: string;
  now(): Date;
  tenantId: string;
  /** The tenant's concurrent requests across every process (API issue: never more than 4). */
  limit: number;
  /** How long a dead process's slots stay taken; renewed every third of it while held. */
  leaseMs: number;
  /** How often a process waiting for a slot another process holds asks again. */
  pollMs?: number;
  /** How long an unused slot is kept for the next request before it is given back. */
  lingerMs?: number;
}

/**
 * A tenant's kintone concurrency limit, held across every process on the database: the limit is split
 * into slot leases (`kintone:<tenant>:0…limit-1`). A process runs as many requests at once as it holds
 * slots; it takes another when it has more to do, keeps a slot a moment after its last request (a burst
 * costs no database writes per request), and gives it back. A killed process's slots return when their
 * lease ends.
 */
export class KintoneSlots implements RequestLimiter {
  private held: string[] = [];
  private inUse = 0;
  private readonly waiters: Array<() => void> = [];
  private heartbeat: NodeJS.Timeout | null = null;
  private linger: NodeJS.Timeout | null = null;
  private peakInUse = 0;

  constructor(private readonly options: KintoneSlotsOptions) {}

  /** The most requests this process ran at once (tests). */
  get peak(): number {
    return this.peakInUse;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.inUse--;
      this.waiters.shift()?.();
      this.scheduleGiveBack();
    }
  }

  /** Gives every slot back (the process stops). */
  async close(): Promise<void> {
    this.stopTimers();
    const names = this.held;
    this.held = [];
    await this.options.storage.leases.release(names, this.options.holder);
  }

  private async acquire(): Promise<void> {
    const { limit } = this.options;
    for (let wait = this.options.pollMs ?? 25; ; ) {
      if (this.inUse < this.held.length) {
        this.inUse++;
        this.peakInUse = Math.max(this.peakInUse, this.inUse);
        return;
      }
      if (this.held.length < limit && (await this.takeSlot())) continue;
      // Woken by this process's next finished request, or after a while to ask the database again.
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          const at = this.waiters.indexOf(wake);
          if (at >= 0) this.waiters.splice(at, 1);
          resolve();
        };
        const timer = setTimeout(wake, wait);
        this.waiters.push(wake);
      });
      // At most 50 ms: a slot another process gave back is taken within a poll (one indexed write).
      wait = Math.min(wait * 2, 50);
    }
  }

  private async takeSlot(): Promise<boolean> {
    const { storage, holder, now, tenantId, limit } = this.options;
    const names = Array.from({ length: limit }, (_, i) => `kintone:${tenantId}:${i}`).filter(
      (name) => !this.held.includes(name),
    );
    const taken = await storage.leases.takeAny(names, holder, now().toISOString(), this.until());
    if (taken === null) return false;
    this.held.push(taken);
    this.heartbeat ??= setInterval(() => void this.renew(), this.options.leaseMs / 3).unref();
    return true;
  }

  private async renew(): Promise<void> {
    const { storage, holder } = this.options;
    try {
      const kept = await storage.leases.renew(this.held, holder, this.until());
      // A slot lost while this process stalled past its lease is another's now: stop counting it.
      this.held = this.held.filter((name) => kept.includes(name));
    } catch {
      // The database is briefly away: the next beat tries again, well within the lease.
    }
  }

  /** Slots beyond what is in use go back after a moment without requests. */
  private scheduleGiveBack(): void {
    if (this.linger) clearTimeout(this.linger);
    this.linger = setTimeout(() => {
      this.linger = null;
      if (this.waiters.length > 0 || this.held.length <= this.inUse) return;
      const spare = this.held.slice(this.inUse);
      this.held = this.held.slice(0, this.inUse);
      if (this.held.length === 0) this.stopTimers();
      void this.options.storage.leases.release(spare, this.options.holder).catch(() => {});
    }, this.options.lingerMs ?? 250).unref();
  }

  private stopTimers(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.linger) clearTimeout(this.linger);
    this.heartbeat = null;
    this.linger = null;
  }

  private until(): string {
    return new Date(this.options.now().getTime() + this.options.leaseMs).toISOString();
  }
}
