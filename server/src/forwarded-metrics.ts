import { Metrics } from "./metrics.ts";

export interface MetricMessage {
  type: "metric";
  name: string;
  labels: Record<string, string>;
  by: number;
}

/**
 * The jobs thread's counters, sent to the HTTP thread's /metrics rather than kept in a second set nobody
 * reads. Summed and sent every `flushMs`, not one message per count: an import counts every kintone
 * request, and a message each cost ~0.1 s of the jobs thread per 100,000 records (issue 16).
 */
export class ForwardedMetrics extends Metrics {
  private readonly pending = new Map<string, MetricMessage>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly send: (message: MetricMessage) => void,
    private readonly flushMs = 100,
  ) {
    super();
  }

  override inc(name: string, labels: Record<string, string>, by = 1): void {
    const key = `${name}\u0000${JSON.stringify(labels)}`;
    const counted = this.pending.get(key);
    if (counted) counted.by += by;
    else this.pending.set(key, { type: "metric", name, labels, by });
    this.timer ??= setTimeout(() => this.flush(), this.flushMs);
  }

  /** Sends what was counted since the last flush (the thread stops: nothing may stay behind). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const message of this.pending.values()) this.send(message);
    this.pending.clear();
  }
}
