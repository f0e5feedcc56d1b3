import type { RequestLogEntry } from "@front-agent/kintone-emulator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eventually, forEachDatabase, type Harness, runEnded, startHarness } from "./harness.ts";

/**
 * The settings checks' kintone requests go side by side (the gateway keeps them to 4 at once per tenant):
 * the administrator pressing 保存 waits for the longest chain of requests, not for every request in turn.
 * Shown on the emulator's request log with a latency far above the backend's own time, so which request
 * waited for which is plain; no wall time is asserted.
 */

/** How long a latency makes each request, so that requests run together overlap by most of it. */
const LATENCY_MS = 200;
/** How much later than the others the add probes answer where a test must tell "alongside" from "after". */
const ADD_DELAY_MS = 1000;

type Span = { key: string; start: number; end: number };

function spans(log: RequestLogEntry[]): Span[] {
  return log.map((entry) => {
    const end = Date.parse(entry.at); // logged when the answer is sent
    return { key: `${entry.method} ${entry.path} ${entry.appId ?? "-"}`, start: end - entry.durationMs, end };
  });
}

/**
 * The most requests of the log that ran one after another (each started once the one before had ended):
 * the round trips the administrator waits for. A request that starts within a quarter of the latency
 * before the other's end still counts as after it (the log's times are to the millisecond).
 */
function rounds(log: RequestLogEntry[]): number {
  const sorted = spans(log).sort((a, b) => a.end - b.end);
  const depth: number[] = [];
  sorted.forEach((span, i) => {
    let before = 0;
    for (let j = 0; j < i; j++) {
      const earlier = sorted[j] as Span;
      if (span.start >= earlier.end - LATENCY_MS / 4) before = Math.max(before, depth[j] ?? 0);
    }
    depth.push(before + 1);
  });
  return Math.max(0, ...depth);
}

/** The requests by `METHOD path app`, counted: what a save asks of kintone, whatever the order. */
function asked(log: RequestLogEntry[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { key } of spans(log)) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}

/**
 * Each app: the view probe, the add probe (bulkRequest, no app id; with every permission its answer tells
 * edit too, so no edit probe), manage (pre-live form), the form.
 */
function everyCheck(customer: string, activity: string): Record<string, number> {
  const app = (id: string) => ({
    [`GET /k/v1/records.json ${id}`]: 1,
    [`GET /k/v1/preview/app/form/fields.json ${id}`]: 1,
    [`GET /k/v1/app/form/fields.json ${id}`]: 1,
  });
  return { ...app(customer), ...app(activity), "POST /k/v1/bulkRequest.json -": 2 };
}

describe("rounds", () => {
  const entry = (start: number, end: number): RequestLogEntry => ({
    at: new Date(end).toISOString(),
    durationMs: end - start,
    method: "GET",
    path: "/k/v1/records.json",
    params: {},
    appId: 1,
    status: 200,
    auth: "token",
    tokenCount: 1,
  });
  test.each([
    { name: "none", log: [], expected: 0 },
    { name: "side by side", log: [entry(0, 200), entry(2, 203), entry(5, 204)], expected: 1 },
    { name: "one after another", log: [entry(0, 200), entry(201, 401), entry(402, 603)], expected: 3 },
    { name: "started just before the end", log: [entry(0, 200), entry(199, 400)], expected: 2 },
    {
      name: "two chains",
      log: [entry(0, 200), entry(0, 200), entry(201, 400), entry(401, 600)],
      expected: 3,
    },
  ])("$name → $expected", ({ log, expected }) => {
    expect(rounds(log)).toBe(expected);
  });
});

forEachDatabase((database) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ database });
    // Saved once and imported, so that saving the same settings again starts no import: only the checks ask.
    expect((await h.api("PUT", "/v1/kintone/settings", { body: h.settings() })).status).toBe(200);
    await runEnded(h, 1);
    await quiet(h);
  });
  afterAll(async () => {
    await h.kintone.settings({ latencyMs: 0 });
    await h.close();
  });

  const measured = async (call: () => Promise<{ status: number; body: unknown }>) => {
    await h.kintone.settings({ latencyMs: LATENCY_MS });
    await h.kintone.resetStats();
    try {
      const answer = await call();
      expect(answer.status).toBe(200);
      return { answer, log: await h.kintone.requests(), stats: await h.kintone.stats() };
    } finally {
      await h.kintone.settings({ latencyMs: 0 });
    }
  };

  test.each([
    [
      "POST /v1/kintone/settings/validate",
      () => h.api("POST", "/v1/kintone/settings/validate", { body: h.settings() }),
    ],
    ["PUT /v1/kintone/settings (saved again, no import)", () => h.resave()],
  ])("%s: 8 requests, side by side, 2 round trips (was 10 in 3)", async (_, call) => {
    const { log, stats } = await measured(call);
    expect(asked(log)).toEqual(everyCheck(h.apps.customer.appId, h.apps.activity.appId));
    expect(stats.peakRunning).toBeGreaterThanOrEqual(2);
    expect(stats.peakRunning).toBeLessThanOrEqual(4); // the gateway's limit per tenant
    // The view probes first (they tell whether the token is accepted at all), each with its app's manage
    // probe; then each app's add probe and live form. It was 3: the manage and edit probes went after the
    // view probes, with the add probes and the forms (8 requests, 4 at a time); 4 before that.
    expect(rounds(log)).toBe(2);
  });

  test("each app's live form is asked alongside its add probe once the view probe has answered", async () => {
    // Each app's add probe answers a second late: a form that waited for it would start after that
    // second, one that did not starts well inside it, however busy the machine (a margin of 50 ms on
    // equal latencies did not hold with a load of 12 on 2 cores).
    await h.kintone.addFault({
      delayMs: ADD_DELAY_MS,
      method: "POST",
      path: "/k/v1/bulkRequest.json",
      times: 2,
    });
    const { log } = await measured(() =>
      h.api("POST", "/v1/kintone/settings/validate", { body: h.settings() }),
    );
    for (const appId of [h.apps.customer.appId, h.apps.activity.appId]) {
      const of = (key: string) => spans(log).find((s) => s.key === `${key} ${appId}`) as Span;
      const view = of("GET /k/v1/records.json");
      const form = of("GET /k/v1/app/form/fields.json");
      // The bulkRequest names no app in its query: the one of this app is the one starting after its view.
      const add = spans(log)
        .filter((s) => s.key === "POST /k/v1/bulkRequest.json -")
        .sort((a, b) => Math.abs(a.start - form.start) - Math.abs(b.start - form.start))[0] as Span;
      expect(form.start).toBeGreaterThanOrEqual(view.end - LATENCY_MS / 4);
      // Overlapping the add probe: neither waited for the other.
      expect(form.start).toBeLessThan(add.end - ADD_DELAY_MS / 2);
    }
  });

  test.each([
    {
      name: "レコード追加 only: the form is still read (adding needs it), once the add probe said so; the add probe's answer tells edit",
      permissions: { add: true },
      form: 1,
      edit: 0,
    },
    {
      name: "レコード編集 only: neither view nor add, so the form is not asked at all; the add refused, edit is probed on its own",
      permissions: { edit: true },
      form: 0,
      edit: 1,
    },
  ])("a customer app token with $name", async ({ permissions, form, edit }) => {
    const token = await h.kintone.createToken(h.apps.customer.appId, permissions);
    const { log } = await measured(() =>
      h.api("POST", "/v1/kintone/settings/validate", {
        body: h.settings((s) => (s.customerApp.apiToken = token)),
      }),
    );
    const customer = h.apps.customer.appId;
    expect(asked(log)[`GET /k/v1/app/form/fields.json ${customer}`] ?? 0).toBe(form);
    expect(asked(log)[`PUT /k/v1/record.json ${customer}`] ?? 0).toBe(edit);
    expect(asked(log)).toMatchObject({
      [`GET /k/v1/records.json ${customer}`]: 1,
      [`GET /k/v1/preview/app/form/fields.json ${customer}`]: 1,
      "POST /k/v1/bulkRequest.json -": 2,
    });
  });

  test("the checks answer in the same order whichever app kintone answers first", async () => {
    const ids = async () => {
      const res = await h.api("POST", "/v1/kintone/settings/validate", { body: h.settings() });
      return (res.body.checks as Array<{ id: string }>).map((c) => c.id);
    };
    const usual = await ids();
    expect(usual).toEqual(expect.arrayContaining(["customerApp", "activityApp"]));
    // The customer app's view probe held back: the activity app's facts are all in before it even starts.
    await h.kintone.addFault({
      delayMs: 300,
      path: "/k/v1/records.json",
      appId: Number(h.apps.customer.appId),
      times: 1,
    });
    try {
      expect(await ids()).toEqual(usual);
    } finally {
      await h.kintone.clearFaults();
    }
  });

  test("a kintone URL outside the allowed origins: kintone is not asked anything", async () => {
    const { answer, log } = await measured(() =>
      h.api("POST", "/v1/kintone/settings/validate", {
        body: h.settings((s) => (s.kintone.baseUrl = "https://intranet.example.com")),
      }),
    );
    const checks = (answer.body as { checks: Array<{ id: string }> }).checks;
    expect(checks.map((c) => c.id)).toEqual(["kintone.origin"]);
    expect(log).toEqual([]);
  });
});

/** Until kintone has had no request for a while: the first import and the candidate index are done. */
async function quiet(h: Harness): Promise<void> {
  let last = -1;
  await eventually(async () => {
    const stats = await h.kintone.stats();
    const still = stats.running === 0 && stats.total === last;
    last = stats.total;
    if (!still) await new Promise((r) => setTimeout(r, 200));
    return still ? true : undefined;
  });
}
