/**
 * Counters for `/metrics` in the Prometheus text format. Small on purpose: the names and labels are the
 * contract (runs, records, kintone requests by app and status, exports), not a metrics library.
 */
interface Counter {
  help: string;
  values: Map<string, number>;
}

export class Metrics {
  private readonly counters = new Map<string, Counter>();

  constructor() {
    this.define("fa_import_runs_total", "Import runs finished, by kind and status.");
    this.define("fa_import_records_total", "kintone records processed by import runs, by outcome.");
    this.define("fa_kintone_requests_total", "Requests made to kintone, by app and HTTP status.");
    this.define("fa_exports_total", "Minutes exports finished, by status.");
  }

  define(name: string, help: string): void {
    if (!this.counters.has(name)) this.counters.set(name, { help, values: new Map() });
  }

  inc(name: string, labels: Record<string, string>, by = 1): void {
    const counter = this.counters.get(name);
    if (!counter) throw new Error(`unknown metric ${name}`);
    const key = Object.entries(labels)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, (ch) => (ch === "\n" ? "\\n" : `\\${ch}`))}"`)
      .join(",");
    counter.values.set(key, (counter.values.get(key) ?? 0) + by);
  }

  render(): string {
    const lines: string[] = [];
    for (const [name, counter] of this.counters) {
      lines.push(`# HELP ${name} ${counter.help}`, `# TYPE ${name} counter`);
      for (const [labels, value] of counter.values)
        lines.push(`${name}${labels ? `{${labels}}` : ""} ${value}`);
    }
    return `${lines.join("\n")}\n`;
  }
}
