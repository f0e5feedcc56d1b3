/**
 * `pnpm bench:import`: our first import (fetch, normalise, store) against `cli-kintone record export` of the
 * same app, at 3,000 and 100,000 records, with no added latency and with 50 ms added to every kintone
 * request (real kintone is slower still). A benchmark, not a test: it prints figures and the goals.
 * BENCH_SIZES=3000,100000 and BENCH_LATENCIES=0,50 choose what runs.
 */
import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));
const serverDir = fileURLToPath(new URL("..", import.meta.url));
const sizes = (process.env.BENCH_SIZES ?? "3000,100000").split(",").map(Number);
const latencies = (process.env.BENCH_LATENCIES ?? "0,50").split(",").map(Number);

interface Measure {
  wallMs: number;
  requests: number;
  peak: number;
  rssMb: number | null;
}

// The backend is measured as production runs it: one esbuild bundle on plain node (see build.mjs).
await build({
  entryPoints: [`${serverDir}bench/import-worker.ts`],
  outfile: `${serverDir}dist/bench-import-worker.mjs`,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["better-sqlite3"],
  banner: {
    js: "import { createRequire as __faRequire } from 'node:module'; const require = __faRequire(import.meta.url);",
  },
  logLevel: "warning",
});

const rows: string[] = [];
for (const size of sizes) {
  const emulator = spawn(
    process.execPath,
    ["--import", "tsx", "emulator/src/cli.ts", "--seed", "template", "--customers", String(size)],
    {
      cwd: root,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const [line] = (await once(createInterface({ input: emulator.stdout }), "line")) as [string];
  const out = JSON.parse(line) as { url: string; apps: Record<string, { appId: string; apiToken: string }> };
  const customer = out.apps.customer as { appId: string; apiToken: string };
  const activity = out.apps.activity as { appId: string; apiToken: string };
  const control = (path: string, method = "GET", body?: unknown) =>
    fetch(`${out.url}/__emulator/${path}`, {
      method,
      headers: { "content-type": "application/json" },
      ...(body ? { body: JSON.stringify(body) } : {}),
    }).then((r) => r.json() as Promise<Record<string, unknown>>);

  for (const latencyMs of latencies) {
    await control("settings", "PUT", { latencyMs });

    await control("stats", "DELETE");
    const cliStarted = performance.now();
    await run(
      `${serverDir}node_modules/.bin/cli-kintone`,
      ["record", "export", "--base-url", out.url, "--app", customer.appId, "--api-token", customer.apiToken],
      {
        maxBuffer: 1024 * 1024 * 1024,
      },
    );
    const cliStats = await control("stats");
    const cli: Measure = {
      wallMs: performance.now() - cliStarted,
      requests: cliStats.total as number,
      peak: cliStats.peakRunning as number,
      rssMb: null,
    };

    await control("stats", "DELETE");
    // The same node flags as `pnpm start` (package.json): with an explicit heap limit V8 collects instead
    // of growing the heap lazily (peak RSS ~150 MB instead of ~200 MB at 100,000 records, about the same
    // speed; a smaller young generation saved more memory but cost speed).
    const { stdout } = await run(
      process.execPath,
      [
        "--max-old-space-size=192",
        "dist/bench-import-worker.mjs",
        out.url,
        customer.appId,
        customer.apiToken,
        activity.appId,
        activity.apiToken,
      ],
      {
        cwd: serverDir,
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    const result = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as {
      status: string;
      error: string | null;
      wallMs: number;
      read: number;
      kintoneRequests: number;
      peakRssMb: number;
    };
    if (result.status !== "succeeded") throw new Error(`import ${result.status}: ${result.error}`);
    const ourStats = await control("stats");
    const ours: Measure = {
      wallMs: result.wallMs,
      requests: ourStats.total as number,
      peak: ourStats.peakRunning as number,
      rssMb: result.peakRssMb,
    };

    const ratio = ours.wallMs / cli.wallMs;
    const goal = latencyMs === 0 ? 0.7 : 0.35;
    const pages = Math.ceil(size / 500);
    rows.push(
      [
        `${size.toLocaleString()} records, +${latencyMs} ms`,
        `  ours       ${fmt(ours)}  records/s ${Math.round(result.read / (ours.wallMs / 1000)).toLocaleString()}  (import run only; settings checks ${ours.requests - result.kintoneRequests} requests)`,
        `  cli-kintone ${fmt(cli)}  records/s ${Math.round(size / (cli.wallMs / 1000)).toLocaleString()}  (whole process)`,
        `  ours / cli-kintone = ${ratio.toFixed(2)}  (goal ≤ ${goal})  ${ratio <= goal ? "MET" : "NOT MET"}`,
        `  run requests ${result.kintoneRequests} vs ceil(N/500) = ${pages}  (+${result.kintoneRequests - pages})`,
        ...(ours.rssMb !== null && size >= 100_000
          ? [`  peak RSS ${ours.rssMb} MB (goal < 200 MB)  ${ours.rssMb < 200 ? "MET" : "NOT MET"}`]
          : []),
      ].join("\n"),
    );
    console.log(rows.at(-1));
  }
  emulator.kill("SIGTERM");
  await once(emulator, "exit");
}

function fmt(m: Measure): string {
  return `wall ${(m.wallMs / 1000).toFixed(2).padStart(6)} s  requests ${String(m.requests).padStart(4)}  peak concurrent ${m.peak}${m.rssMb === null ? "" : `  peak RSS ${m.rssMb} MB`}`;
}
