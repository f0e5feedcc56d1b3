import { describe, expect, test } from "vitest";
import { ForwardedMetrics, type MetricMessage } from "./forwarded-metrics.ts";

describe("ForwardedMetrics", () => {
  test("counts are summed per name and labels and sent once per flush, none lost", async () => {
    const sent: MetricMessage[] = [];
    const metrics = new ForwardedMetrics((message) => sent.push(message), 20);
    for (let i = 0; i < 1000; i++)
      metrics.inc("fa_kintone_requests_total", { app: "14", status: i % 10 === 0 ? "429" : "200" });
    metrics.inc("fa_import_records_total", { outcome: "created" }, 500);
    expect(sent).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(sent).toEqual([
      { type: "metric", name: "fa_kintone_requests_total", labels: { app: "14", status: "429" }, by: 100 },
      { type: "metric", name: "fa_kintone_requests_total", labels: { app: "14", status: "200" }, by: 900 },
      { type: "metric", name: "fa_import_records_total", labels: { outcome: "created" }, by: 500 },
    ]);
    metrics.inc("fa_exports_total", { status: "written" });
    metrics.flush();
    expect(sent.at(-1)).toEqual({
      type: "metric",
      name: "fa_exports_total",
      labels: { status: "written" },
      by: 1,
    });
    expect(sent).toHaveLength(4);
  });
});
