import type { JobRow, Storage } from "../../storage/index.ts";

export type JobHandler = (job: JobRow) => Promise<void>;

/** Thrown by a handler whose job should run again later (kintone busy or down), not fail for good. */
export class RetryLater extends Error {
  constructor(
    readonly at: Date,
    message: string,
  ) {
    super(message);
    this.name = "RetryLater";
  }
}

export interface WorkerOptions {
  storage: Storage;
  handlers: Record<string, JobHandler>;
  now(): Date;
  /** A claimed job is the worker's for this long; the heartbeat renews it while the job runs. */
  leaseMs?: number;
  /** How often an idle worker looks for due jobs (new jobs from this process wake it at once). */
  pollMs?: number;
  onError?(job: JobRow, error: unknown): void;
}

/**
 * Takes durable jobs one at a time and runs them. A job whose worker died (its lease expired) is taken
 * again, so a run killed mid-way continues; handlers must therefore be safe to run twice.
 */
export class JobWorker {
  private stopped = true;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;

  constructor(private readonly options: WorkerOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = this.run();
  }

  /** Finishes the job in hand, then stops. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.notify();
    await this.loop;
  }

  notify(): void {
    this.wake?.();
  }

  private async run(): Promise<void> {
    const { storage, now } = this.options;
    const leaseMs = this.options.leaseMs ?? 60_000;
    while (!this.stopped) {
      const job = await storage.jobs.claim(now().toISOString(), leaseMs, Object.keys(this.options.handlers));
      if (!job) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, this.options.pollMs ?? 1000);
        });
        this.wake = null;
        continue;
      }
      const heartbeat = setInterval(() => {
        void storage.jobs.heartbeat(job.id, new Date(now().getTime() + leaseMs).toISOString());
      }, leaseMs / 3);
      try {
        await this.options.handlers[job.kind]?.(job);
        await storage.jobs.complete(job.id, now().toISOString());
      } catch (error) {
        if (error instanceof RetryLater) {
          await storage.jobs.fail(job.id, now().toISOString(), error.message, error.at.toISOString());
          continue;
        }
        this.options.onError?.(job, error);
        await storage.jobs.fail(
          job.id,
          now().toISOString(),
          error instanceof Error ? error.message : String(error),
          null,
        );
      } finally {
        clearInterval(heartbeat);
      }
    }
  }
}
