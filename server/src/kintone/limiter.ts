/** Runs a kintone request when the tenant's concurrency allows. */
export interface RequestLimiter {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** The most requests it ran at once. */
  readonly peak: number;
}

/**
 * At most `limit` tasks at once. One per tenant: kintone allows 100 concurrent requests per domain,
 * shared by every integration and user, so we keep to a few (API issue: never more than 4 per tenant).
 */
export class Limiter implements RequestLimiter {
  private running = 0;
  private peakRunning = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly limit: number) {}

  get peak(): number {
    return this.peakRunning;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    if (this.running > this.peakRunning) this.peakRunning = this.running;
    try {
      return await task();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}
