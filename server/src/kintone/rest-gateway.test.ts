import type { EmulatorClient, RunningEmulator } from "@front-agent/kintone-emulator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  apiTokenOf,
  type RecordedRequest,
  type RecordingServer,
  startRecordingServer,
} from "../../test/recording-server.ts";
import { startCustomerAppEmulator } from "./emulator-testing.ts";
import { KintoneFailure } from "./failure.ts";
import { parseAllowedOrigins } from "./origins.ts";
import { createRestGateway, OriginNotAllowedError } from "./rest-gateway.ts";

const origins = parseAllowedOrigins("http://localhost:*");
let emu: RunningEmulator;
let control: EmulatorClient;
let appId: string;
let token: string;

beforeAll(async () => {
  ({ emu, control, appId, token } = await startCustomerAppEmulator(1200));
});
afterAll(() => emu.close());

const ALL = { view: true, add: true, edit: true, delete: true, manage: true };

/** How many records the app holds and its highest id: a probe must change neither. */
async function recordsOf(app: string) {
  const g = gateway();
  return { count: await g.count(app), maxId: await g.maxId(app) };
}

function gateway(tok = token, extra: Partial<Parameters<typeof createRestGateway>[0]> = {}) {
  return createRestGateway({
    baseUrl: emu.url,
    tokens: { [appId]: tok },
    allowedOrigins: origins,
    sleep: async () => {},
    ...extra,
  });
}

describe("the kintone gateway over the official client", () => {
  test("refuses a base URL outside the allowed origins before any request", async () => {
    await control.resetStats();
    expect(() =>
      createRestGateway({ baseUrl: emu.url, tokens: {}, allowedOrigins: parseAllowedOrigins(undefined) }),
    ).toThrow(OriginNotAllowedError);
    expect((await control.stats()).total).toBe(0);
  });

  test("a records read says when its request has left: once, before kintone's answer; and when it never could", async () => {
    const events: string[] = [];
    const read = gateway()
      .records(appId, "limit 1", ["$id"], () => events.push("sent"))
      .then(() => events.push("answered"));
    await read;
    expect(events).toEqual(["sent", "answered"]);
    // Nothing listening there: no request leaves, each retry fails to connect; told once, at the end.
    const closed = gateway(token, {
      baseUrl: "http://localhost:9",
      backoff: { attempts: 3, baseMs: 1, capMs: 1 },
    });
    let told = 0;
    await expect(closed.records(appId, "limit 1", ["$id"], () => told++)).rejects.toMatchObject({
      kind: "unavailable",
    });
    expect(told).toBe(1);
  });

  test("reads a page, the largest id, the form and the app", async () => {
    const g = gateway();
    expect(await g.records(appId, "$id > 0 order by $id asc limit 500")).toHaveLength(500);
    expect(await g.maxId(appId)).toBe(1200);
    expect(await g.maxId(appId, '顧客名 = "no such customer"')).toBe(0);
    expect((await g.formFields(appId)).顧客名).toMatchObject({ type: "SINGLE_LINE_TEXT", unique: true });
    expect(await g.app(appId)).toEqual({ appId, name: "顧客管理(Front Agent)", spaceId: null });
    expect(g.stats().requests).toBe(5);
  });

  // docs/kintone-probes.md: each probe is read from kintone's answer; a granted permission is "granted"
  // (no more "granted_unverified" for add and edit), and no probe leaves anything in the app.
  test("each probe: granted for a token with only that permission, missing for one with all the others", async () => {
    const before = await recordsOf(appId);
    for (const permission of ["view", "add", "edit", "manage"] as const) {
      const having = await control.createToken(appId, { [permission]: true });
      expect([permission, await gateway(having).probe(appId, permission)]).toEqual([permission, "granted"]);
      const lacking = await control.createToken(appId, { ...ALL, [permission]: false });
      expect([permission, await gateway(lacking).probe(appId, permission)]).toEqual([permission, "missing"]);
    }
    expect(await recordsOf(appId)).toEqual(before);
  });

  // The add probe's [1] is the edit probe's own request: when the add was carried out, its answer is the
  // edit probe's, one request instead of two; when the add was refused, nothing is said of edit.
  test.each([
    ["every permission", ALL, { add: "granted", edit: "granted" }],
    ["add without edit", { ...ALL, edit: false }, { add: "granted", edit: "missing" }],
    ["edit without add", { ...ALL, add: false }, { add: "missing", edit: null }],
    ["neither", { ...ALL, add: false, edit: false }, { add: "missing", edit: null }],
  ] as const)("the add probe tells edit too, for a token with %s", async (_name, permissions, expected) => {
    const before = await recordsOf(appId);
    const tok = await control.createToken(appId, permissions);
    await control.resetStats();
    expect(await gateway(tok).probeAddAndEdit(appId)).toEqual(expected);
    expect((await control.stats()).total).toBe(1);
    // Where it tells, it says what the edit probe itself says.
    if (expected.edit !== null) expect(await gateway(tok).probe(appId, "edit")).toBe(expected.edit);
    expect(await recordsOf(appId)).toEqual(before);
  });

  test("the add probe is one bulkRequest, an empty add then a PUT of a record that cannot exist, rolled back", async () => {
    const before = await recordsOf(appId);
    await control.resetStats();
    expect(await gateway().probe(appId, "add")).toBe("granted");
    const sent = await control.requests("/k/v1/bulkRequest.json");
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: "POST", status: 404, tokenCount: 1 });
    expect(sent[0]?.params).toEqual({
      requests: [
        { method: "POST", api: "/k/v1/record.json", payload: { app: appId } },
        { method: "PUT", api: "/k/v1/record.json", payload: { app: appId, id: 2147483647 } },
      ],
    });
    expect(await recordsOf(appId)).toEqual(before);
  });

  test("the edit probe is a PUT of record 2147483647 without a record: kintone's GAIA_RE01 means granted", async () => {
    await control.resetStats();
    expect(await gateway().probe(appId, "edit")).toBe("granted");
    const sent = await control.requests("/k/v1/record.json");
    expect(sent.map((r) => [r.method, r.status, r.params])).toEqual([
      ["PUT", 404, { app: appId, id: 2147483647 }],
    ]);
  });

  test("an app refusing the empty record (a required field): add still read as granted, nothing added", async () => {
    const strict = await control.createApp({
      name: "必須あり",
      fields: [{ type: "SINGLE_LINE_TEXT", code: "件名", label: "件名", required: true }],
    });
    const addOnly = await control.createToken(strict.appId, { add: true });
    const g = createRestGateway({
      baseUrl: emu.url,
      tokens: { [strict.appId]: addOnly },
      allowedOrigins: origins,
      sleep: async () => {},
    });
    expect(await g.probe(strict.appId, "add")).toBe("granted");
    const viewOnly = await control.createToken(strict.appId, { view: true });
    const v = createRestGateway({
      baseUrl: emu.url,
      tokens: { [strict.appId]: viewOnly },
      allowedOrigins: origins,
      sleep: async () => {},
    });
    expect(await v.probe(strict.appId, "add")).toBe("missing");
    expect(await v.count(strict.appId)).toBe(0);
  });

  test.each([
    ["add", "POST", "/k/v1/bulkRequest.json", 400, "CB_VA01"],
    ["edit", "PUT", "/k/v1/record.json", 400, "CB_VA01"],
    ["manage", "GET", "/k/v1/preview/app/form/fields.json", 400, "CB_VA01"],
    ["add", "POST", "/k/v1/bulkRequest.json", 404, "GAIA_XX99"],
  ] as const)(
    "probe(%s) answered %s %s with %s %s: unverified, never thrown",
    async (permission, method, path, status, code) => {
      await control.addFault({ status, code, method, path, times: 1 });
      await control.resetStats();
      expect(await gateway().probe(appId, permission)).toBe("granted_unverified");
      expect((await control.requests(path)).map((r) => [r.method, r.status])).toEqual([[method, status]]);
    },
  );

  test("kintone down during a probe is still a failure (after the retries), not a permission", async () => {
    await control.addFault({ status: 503, path: "/k/v1/record.json", method: "PUT", times: null });
    try {
      await expect(gateway().probe(appId, "edit")).rejects.toMatchObject({ kind: "unavailable" });
    } finally {
      await control.clearFaults();
    }
  });

  test("a wrong token is an auth failure, not a missing permission", async () => {
    const error = await gateway("wrong-token")
      .probe(appId, "view")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KintoneFailure);
    expect(error).toMatchObject({ kind: "auth", kintoneCode: "GAIA_IA02", status: 400 });
    expect(String((error as Error).message)).not.toContain("wrong-token");
  });

  test("429 and 503 are retried with back-off; the request count includes the retries", async () => {
    await control.addFault({ status: 429, path: "/k/v1/records.json", times: 1 });
    await control.addFault({ status: 503, path: "/k/v1/records.json", times: 1 });
    const waits: number[] = [];
    const seen: Array<number | null> = [];
    const g = gateway(token, {
      sleep: async (ms) => {
        waits.push(ms);
      },
      onRequest: (_app, _outcome, status) => seen.push(status),
    });
    expect(await g.records(appId, "limit 1")).toHaveLength(1);
    expect(seen).toEqual([429, 503, 200]);
    expect(waits).toHaveLength(2);
  });

  test("a permanent failure is not retried", async () => {
    const seen: Array<number | null> = [];
    const g = gateway(token, { onRequest: (_a, _o, status) => seen.push(status) });
    await expect(g.records(appId, "limit 501")).rejects.toMatchObject({
      kind: "validation",
      kintoneCode: "GAIA_QU01",
    });
    expect(seen).toEqual([400]);
  });

  test("never more than 4 requests in flight, whatever the callers do", async () => {
    await control.settings({ latencyMs: 30 });
    await control.resetStats();
    try {
      const g = gateway();
      await Promise.all(
        Array.from({ length: 12 }, (_, i) => g.records(appId, `$id > ${i * 100} order by $id asc limit 100`)),
      );
      expect(g.stats().peakConcurrent).toBe(4);
      expect((await control.stats()).peakRunning).toBe(4);
    } finally {
      await control.settings({ latencyMs: 0 });
    }
  });

  test("adds asked for together go as one request; one refused record fails alone", async () => {
    const activity = emu.seed?.apps.activity;
    if (!activity) throw new Error("the template has an activity app");
    const activityToken = activity.tokens[0] ?? "";
    const g = createRestGateway({
      baseUrl: emu.url,
      tokens: { [appId]: token, [activity.appId]: activityToken },
      allowedOrigins: origins,
      sleep: async () => {},
    });
    const write = (eventId: string, customerRecord: string) =>
      g.addRecord(
        activity.appId,
        {
          FrontAgentイベントID: { value: eventId },
          顧客レコード番号: { value: customerRecord },
          件名: { value: `商談 ${eventId}` },
        },
        [appId],
      );
    const table = async () =>
      (
        await g.records(activity.appId, 'FrontAgentイベントID like "batch" order by $id asc', [
          "FrontAgentイベントID",
          "顧客名",
        ])
      ).map((r) => `${r.FrontAgentイベントID?.value}:${r.顧客名?.value}`);

    await control.resetStats();
    const written = await Promise.all(
      ["batch-1", "batch-2", "batch-3"].map((id, i) => write(id, String(i + 1))),
    );
    expect(new Set(written.map((w) => w.id)).size).toBe(3);
    const posts = (await control.requests("/k/v1/records.json")).filter((r) => r.method === "POST");
    expect(posts).toHaveLength(1);
    expect(posts[0]?.tokenCount).toBe(2);

    // batch-1 again is a duplicate of a unique event id and batch-5 names a customer record that does not
    // exist: kintone refuses the whole request, so each is sent alone; batch-4 is added, the other two fail
    // with their own reasons, and nothing is ever updated.
    await control.resetStats();
    const outcomes = await Promise.allSettled([
      write("batch-1", "4"),
      write("batch-4", "5"),
      write("batch-5", "999999"),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "fulfilled", "rejected"]);
    const duplicate = (outcomes[0] as PromiseRejectedResult).reason as KintoneFailure;
    expect(duplicate).toBeInstanceOf(KintoneFailure);
    expect(duplicate.kind).toBe("validation");
    expect(Object.keys(duplicate.errors ?? {})).toEqual(["record.FrontAgentイベントID.value"]);
    expect(((outcomes[2] as PromiseRejectedResult).reason as KintoneFailure).kind).toBe("lookup");
    expect((await control.requests("/k/v1/records.json")).filter((r) => r.method === "POST")).toHaveLength(1);
    expect((await control.requests("/k/v1/record.json")).filter((r) => r.method === "POST")).toHaveLength(3);
    expect(await table()).toHaveLength(4);
    const puts = [
      ...(await control.requests("/k/v1/records.json")),
      ...(await control.requests("/k/v1/record.json")),
    ].filter((r) => r.method === "PUT");
    expect(puts).toEqual([]);
  });
});

describe("redirects", () => {
  // kintone's REST API never redirects. An allowed origin answering 3xx towards another host must not make
  // the gateway send the request, X-Cybozu-API-Token included, to a host KINTONE_ALLOWED_ORIGINS never named.
  let target: RecordingServer;
  let front: RecordingServer;
  beforeAll(async () => {
    target = await startRecordingServer(() => ({ kind: "forward", to: emu.url }));
    front = await startRecordingServer((req) => ({
      kind: "redirect",
      status: req.method === "GET" ? 302 : 307,
      location: `${target.ipUrl}${req.url}`,
    }));
  });
  afterAll(async () => {
    await front.close();
    await target.close();
  });

  test.each([
    ["a read (302)", (g: ReturnType<typeof gateway>) => g.records(appId, "limit 1"), 302],
    [
      "a write (307)",
      (g: ReturnType<typeof gateway>) => g.addRecord(appId, { 顧客名: { value: "転送" } }),
      307,
    ],
  ] as const)(
    "%s is not followed: a redirect failure, nothing reaches the other host",
    async (_, call, status) => {
      front.requests.length = 0;
      target.requests.length = 0;
      const seen: Array<number | null> = [];
      const g = gateway(token, { baseUrl: front.url, onRequest: (_a, _o, s) => seen.push(s) });
      const error = await call(g).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KintoneFailure);
      expect(error).toMatchObject({ kind: "redirect", status, retryable: false });
      expect(front.requests).toHaveLength(1);
      expect(apiTokenOf(front.requests[0] as RecordedRequest)).toBe(token);
      expect(target.requests).toEqual([]);
      expect(seen).toEqual([status]);
    },
  );
});
