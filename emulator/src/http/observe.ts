/** What a test or a benchmark asks the emulator afterwards: how many requests, how many at once, which. */
export interface RequestLogEntry {
  at: string;
  method: string;
  path: string;
  /** The decoded query string and body parameters; tokens never appear here (they are headers). */
  params: Record<string, unknown>;
  appId: number | null;
  status: number;
  auth: "password" | "token" | "none";
  /** How many API tokens the request carried (a lookup write needs two). */
  tokenCount: number;
  durationMs: number;
}

const LOG_SIZE = 2000;

export class RequestStats {
  running = 0;
  peakRunning = 0;
  total = 0;
  private readonly counts = new Map<string, number>();
  private log: RequestLogEntry[] = [];

  begin(): number {
    this.running++;
    if (this.running > this.peakRunning) this.peakRunning = this.running;
    return this.running;
  }

  end(entry: RequestLogEntry): void {
    this.running--;
    this.total++;
    const key = `${entry.appId ?? "-"}\t${entry.method} ${entry.path}\t${entry.status}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.log.push(entry);
    if (this.log.length > LOG_SIZE) this.log = this.log.slice(-LOG_SIZE / 2);
  }

  snapshot(): {
    total: number;
    running: number;
    peakRunning: number;
    byEndpoint: Array<{ appId: string; endpoint: string; status: number; count: number }>;
  } {
    const byEndpoint = [...this.counts].map(([key, count]) => {
      const [appId = "-", endpoint = "", status = "0"] = key.split("\t");
      return { appId, endpoint, status: Number(status), count };
    });
    return { total: this.total, running: this.running, peakRunning: this.peakRunning, byEndpoint };
  }

  requests(): RequestLogEntry[] {
    return [...this.log];
  }

  reset(): void {
    this.total = 0;
    this.peakRunning = this.running;
    this.counts.clear();
    this.log = [];
  }
}

/**
 * A failure to inject: the next `times` matching requests answer `status` (429 GAIA_TO04 with its headers,
 * 503 as a maintenance page, other statuses with a JSON error) and/or are delayed by `delayMs`.
 */
export interface FaultRule {
  status?: number;
  code?: string;
  delayMs?: number;
  /** How many requests it hits; null = until cleared. */
  times: number | null;
  method?: string;
  /** e.g. `/k/v1/records.json`; guest paths are matched on their non-guest form. */
  path?: string;
  appId?: number;
}

export class FaultInjector {
  private rules: FaultRule[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ ...rule });
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** Takes the first rule matching this request, counting it down. */
  take(method: string, path: string, appId: number | null): FaultRule | null {
    const index = this.rules.findIndex(
      (r) =>
        (r.method === undefined || r.method.toUpperCase() === method) &&
        (r.path === undefined || r.path === path) &&
        (r.appId === undefined || r.appId === appId),
    );
    if (index < 0) return null;
    const rule = this.rules[index] as FaultRule;
    if (rule.times !== null) {
      rule.times--;
      if (rule.times <= 0) this.rules.splice(index, 1);
    }
    return rule;
  }
}
