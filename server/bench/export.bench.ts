/**
 * `pnpm bench:export`: signed assist events posted concurrently to the backend (bundled, as `pnpm start`
 * runs it) with the kintone emulator behind it, in two phases of BENCH_EVENTS (2,000) each: a burst from
 * BENCH_CONCURRENCY (16) back-to-back senders, which measures the most the backend accepts per second, and
 * a steady stream at BENCH_RATE (1,000) events/s, which measures the accept latency at that rate. Prints
 * accepted events/s, p50/p99 accept latency, the time until all are written, accept → written latency,
 * kintone requests used, and checks every event was written exactly once.
 * Goals: ≥ 1,000 events/s accepted; p99 accept latency < 20 ms at 1,000 events/s.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exportViewSchema } from "@front-agent/shared";
import { z } from "zod";
import {
  assistEventBody,
  buildBackend,
  call,
  connectedTenant,
  cpuSeconds,
  EventPoster,
  exportCounts,
  met,
  ownCpuSeconds,
  pct,
  settled,
  sleep,
  startBackend,
  startEmulator,
} from "./bench-support.ts";

/** GET /v1/exports/{id}: its updatedAt is answered (docs/api.md) though the shared schema does not name it yet. */
const exportView = exportViewSchema.extend({ updatedAt: z.string() });

const EVENTS = Number(process.env.BENCH_EVENTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const RATE = Number(process.env.BENCH_RATE ?? 1000);
const bundle = await buildBackend();
const emulator = await startEmulator(300);
const dataDir = mkdtempSync(join(tmpdir(), "fa-bench-export-"));
const backend = await startBackend(bundle.main, { DATA_DIR: dataDir });
const { tenant, linked } = await connectedTenant(backend.base, "bench", emulator);
await emulator.control("stats", "DELETE");
const poster = new EventPoster();

interface Accepted {
  exportId: string;
  at: number;
  ms: number;
}
let sent = 0;
const send = async (into: Accepted[]) => {
  const i = sent++;
  const raw = assistEventBody(`bench-${i}`, linked[i % linked.length] ?? null, i);
  const t0 = performance.now();
  const res = await poster.post(tenant, raw);
  if (res.status !== 202) throw new Error(`${res.status} ${res.text}`);
  const body = JSON.parse(res.text) as { exportId: string };
  into.push({ exportId: body.exportId, at: Date.now(), ms: performance.now() - t0 });
};

/** Runs one phase and prints its accept figures and the CPU each process spent meanwhile. */
async function phase(title: string, post: (into: Accepted[]) => Promise<void>) {
  const before = { backend: backend.cpu(), emulator: emulatorCpu(), bench: ownCpuSeconds() };
  const accepted: Accepted[] = [];
  const started = performance.now();
  await post(accepted);
  const seconds = (performance.now() - started) / 1000;
  const ms = accepted.map((a) => a.ms);
  console.log(title);
  console.log(`  accepted: ${(accepted.length / seconds).toFixed(0)} events/s`);
  console.log(
    `  accept latency: p50 ${pct(ms, 50).toFixed(1)} ms, p99 ${pct(ms, 99).toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms`,
  );
  console.log(
    `  CPU meanwhile (${seconds.toFixed(2)} s): backend ${(backend.cpu() - before.backend).toFixed(2)} s, emulator ${(emulatorCpu() - before.emulator).toFixed(2)} s, this client ${(ownCpuSeconds() - before.bench).toFixed(2)} s`,
  );
  const toWritten = await allWritten(accepted, started);
  const backendCpu = writtenCpu - before.backend;
  console.log(
    `  backend CPU from the first event to the last written: ${backendCpu.toFixed(2)} s, ${((backendCpu / accepted.length) * 1000).toFixed(2)} ms per event`,
  );
  return { rate: accepted.length / seconds, p99: pct(ms, 99), toWritten };
}

function emulatorCpu() {
  return cpuSeconds(emulator.proc.pid);
}

/** The backend's CPU seconds when the last export of a phase was written (before the bench reads them). */
let writtenCpu = 0;

/** Waits until every export so far has an outcome; prints accept → written. */
async function allWritten(accepted: Accepted[], started: number) {
  for (;;) {
    const counts = await exportCounts(tenant);
    if ((counts.queued ?? 0) === 0 && settled(counts) >= sent) break;
    await sleep(100);
  }
  writtenCpu = backend.cpu();
  const seconds = (performance.now() - started) / 1000;
  const toWritten: number[] = [];
  let written = 0;
  for (const a of accepted) {
    const view = exportView.parse(
      (await call(backend.base, "GET", `/v1/exports/${a.exportId}`, tenant.serviceToken)).body,
    );
    if (view.status === "written") {
      written++;
      toWritten.push(Date.parse(view.updatedAt) - a.at);
    }
  }
  console.log(
    `  all written ${seconds.toFixed(1)} s after the first was sent; accept → written p50 ${(pct(toWritten, 50) / 1000).toFixed(1)} s, p99 ${(pct(toWritten, 99) / 1000).toFixed(1)} s`,
  );
  return written;
}

// 1. A burst: CONCURRENCY senders, each posting its next event as soon as the last is answered. Latency
//    here is mostly queueing (senders ÷ rate), so this phase measures the most the backend accepts.
const burst = await phase(
  `burst: ${EVENTS} signed assist events, ${CONCURRENCY} senders back to back`,
  async (into) => {
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (sent < EVENTS) await send(into);
      }),
    );
  },
);

// 2. A steady stream at the goal rate, sent on schedule whatever the answers (an open loop, so a slow
//    answer cannot hide the ones queued behind it): the accept latency Front Agent sees at 1,000 events/s.
const steady = await phase(`steady: ${EVENTS} events at ${RATE} events/s on schedule`, async (into) => {
  const first = sent;
  const t0 = performance.now();
  const inFlight: Array<Promise<void>> = [];
  for (let k = 0; k < EVENTS; k++) {
    const due = t0 + (k * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    inFlight.push(send(into));
  }
  await Promise.all(inFlight);
  if (sent - first !== EVENTS) throw new Error("steady phase sent a wrong number of events");
});

const stats = await emulator.control("stats");
const records = await emulator.activityCount();
const written = burst.toWritten + steady.toWritten;
console.log("goals");
console.log(
  `  accepting ≥ 1,000 events/s: ${burst.rate.toFixed(0)} events/s in the burst  ${met(burst.rate >= 1000)}`,
);
console.log(
  `  p99 accept latency < 20 ms at ${RATE} events/s: ${steady.p99.toFixed(1)} ms (achieved ${steady.rate.toFixed(0)} events/s)  ${met(steady.p99 < 20 && steady.rate >= RATE * 0.98)}`,
);
console.log(`  kintone requests: ${stats.total} (${((stats.total ?? 0) / sent).toFixed(3)} per event)`);
console.log(
  `  written exactly once: ${written} of ${sent} exports written, ${records} activity records  ${written === sent && records === sent ? "YES" : "NO"}`,
);

poster.destroy();
await Promise.all([backend.stop(), emulator.stop()]);
rmSync(dataDir, { recursive: true, force: true });
bundle.remove();
