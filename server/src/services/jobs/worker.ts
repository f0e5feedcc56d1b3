import type { JobRow, Storage } from "../../storage/index.ts";
import { RetryLater } from "./retry-later.ts";

export type JobHandler = (job: JobRow) => Promise<void>;

export interface WorkerOptions {
  storage: Storage;
  handlers: Record<string, JobHandler>;
  now(): Date;
  /** A claimed job is the worker's for this long; the heartbeat renews it while the job runs. */
  leaseMs?: number;
  /** How often an idle worker looks for due jobs (new jobs from this process wake it at once). */
  pollMs?: number;
  onError?(job: JobRow, error: unknown): void;
  /**
   * Kinds whose jobs are taken up to this many at once and run side by side, in a lane of their own.
   * Exports: their kintone writes then share one request, and the lane still waits for one round trip
   * at a time, so a burst of writes cannot crowd out the requests the backend is answering.
   */
  batches?: Record<string, number>;
}

/**
 * Takes durable jobs and runs them: one lane runs the jobs of every other kind one at a time, and each
 * batched kind has a lane of its own. A job whose worker died (its lease expired) is taken again, so a
 * run killed mid-way continues; handlers must therefore be safe to run twice.
 */
export class JobWorker {
  private stopped = true;
  private readonly wakers = new Set<() => void>();
  /** Notices so far: a lane that was looking when one came looks again instead of sleeping. */
  private notices = 0;
  private loops: Promise<void>[] = [];

  constructor(private readonly options: WorkerOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const batches = this.options.batches ?? {};
    const kinds = Object.keys(this.options.handlers);
    const single = kinds.filter((kind) => !(kind in batches));
    const lanes: Array<{ kinds: string[]; size: number }> = [];
    if (single.length > 0) lanes.push({ kinds: single, size: 1 });
    for (const kind of kinds) {
      const size = batches[kind];
      if (size !== undefined) lanes.push({ kinds: [kind], size: Math.max(1, size) });
    }
    this.loops = lanes.map((lane) => this.run(lane.kinds, lane.size));
  }

  /** Finishes the jobs in hand, then stops. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.notify();
    await Promise.all(this.loops);
  }

  /** New jobs are due: the idle lanes look. */
  notify(): void {
    this.notices++;
    for (const wake of [...this.wakers]) wake();
  }

  private async run(kinds: string[], size: number): Promise<void> {
    const { storage, now } = this.options;
    const leaseMs = this.options.leaseMs ?? 60_000;
    while (!this.stopped) {
      // A notice that arrives while this lane looks finds no waker: the count tells the lane to look again
      // rather than sleep a whole poll (a settings save's import waited up to pollMs for it).
      const noticesBefore = this.notices;
      // A batch is claimed in one transaction (one commit, not one per job).
      const jobs = await storage.transaction(async (tx) => {
        const taken: JobRow[] = [];
        while (taken.length < size) {
          const job = await tx.jobs.claim(now().toISOString(), leaseMs, kinds);
          if (!job) break;
          taken.push(job);
        }
        return taken;
      });
      if (jobs.length === 0) {
        if (this.notices !== noticesBefore) continue;
        await new Promise<void>((resolve) => {
          const wake = () => {
            this.wakers.delete(wake);
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(wake, this.options.pollMs ?? 1000);
          this.wakers.add(wake);
        });
        continue;
      }
      const outcomes = await Promise.all(jobs.map((job) => this.runJob(job, leaseMs)));
      // The batch's outcomes in one transaction too. A crash before it commits leaves the jobs running
      // until their lease ends; then they run again, which handlers are written to survive.
      await storage.transaction(async (tx) => {
        const at = now().toISOString();
        for (const [i, outcome] of outcomes.entries()) {
          const job = jobs[i] as JobRow;
          if (outcome.ok) await tx.jobs.complete(job.id, at);
          else await tx.jobs.fail(job.id, at, outcome.error, outcome.retryAt);
        }
      });
    }
  }

  private async runJob(
    job: JobRow,
    leaseMs: number,
  ): Promise<{ ok: true } | { ok: false; error: string; retryAt: string | null }> {
    const { storage, now } = this.options;
    const heartbeat = setInterval(() => {
      void storage.jobs.heartbeat(job.id, new Date(now().getTime() + leaseMs).toISOString());
    }, leaseMs / 3);
    try {
      await this.options.handlers[job.kind]?.(job);
      return { ok: true };
    } catch (error) {
      if (error instanceof RetryLater)
        return { ok: false, error: error.message, retryAt: error.at.toISOString() };
      this.options.onError?.(job, error);
      return { ok: false, error: error instanceof Error ? error.message : String(error), retryAt: null };
    } finally {
      clearInterval(heartbeat);
    }
  }
}
