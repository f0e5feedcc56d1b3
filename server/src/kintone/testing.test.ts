import { type RunningEmulator, startEmulator, templateSeed } from "@front-agent/kintone-emulator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { KintoneFailure } from "./failure.ts";
import type { KintoneGateway } from "./gateway.ts";
import { parseAllowedOrigins } from "./origins.ts";
import { createRestGateway } from "./rest-gateway.ts";
import {
  addProbeRefused,
  httpFailure,
  kintoneError,
  networkFailure,
  RecordingGateway,
  recordJson,
} from "./testing.ts";

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );

describe("RecordingGateway", () => {
  test("records each call as asked and answers a read with only the fields asked for", async () => {
    const kintone = new RecordingGateway().answer("records", [
      recordJson(7, { 顧客名: "佐藤", 会社名: "佐藤商事" }),
    ]);
    const records = await kintone.records("14", "$id = 7", ["$id", "顧客名"]);
    expect(records).toEqual([
      { $id: { type: "__ID__", value: "7" }, 顧客名: { type: "SINGLE_LINE_TEXT", value: "佐藤" } },
    ]);
    kintone.answer("addRecord", { id: "8" });
    await kintone.addRecord("15", { 件名: { value: "商談" } }, ["14"]);
    expect(kintone.calls).toEqual([
      { method: "records", app: "14", query: "$id = 7", fields: ["$id", "顧客名"] },
      { method: "addRecord", app: "15", record: { 件名: { value: "商談" } }, withTokensOf: ["14"] },
    ]);
  });

  test("answers by app and by call: once-answers first and in order, then the latest standing one", async () => {
    const kintone = new RecordingGateway()
      .answer("maxId", 1)
      .answer("maxId", 2, { app: "14" })
      .answer("maxId", (call) => (call.condition ? 3 : 4), { app: "15" })
      .answerOnce("maxId", 10, { app: "14" })
      .answerOnce("maxId", 11, { app: "14" });
    const asked = [
      await kintone.maxId("14"),
      await kintone.maxId("14"),
      await kintone.maxId("14"),
      await kintone.maxId("99"),
      await kintone.maxId("15", "x = 1"),
      await kintone.maxId("15"),
    ];
    expect(asked).toEqual([10, 11, 2, 1, 3, 4]);
  });

  test("a call the test gave no answer for fails the test, naming the call", async () => {
    const error = await failureOf(new RecordingGateway().count("14", '顧客名 = "x"'));
    expect(error).not.toBeInstanceOf(KintoneFailure);
    expect(String(error)).toContain('count({"app":"14","condition":"顧客名 = \\"x\\""})');
  });

  test("counts calls made side by side as in flight together", async () => {
    const kintone = new RecordingGateway().answer("count", 0);
    await Promise.all([kintone.count("14"), kintone.count("14"), kintone.count("15")]);
    await kintone.count("14");
    expect(kintone.stats()).toEqual({ requests: 4, peakConcurrent: 3 });
  });

  test.each([
    // view: GAIA_NO01 is the missing permission; an auth failure is no answer about it and is thrown.
    ["view", kintoneError("GAIA_NO01"), "missing"],
    ["view", kintoneError("CB_WA01"), "auth"],
    // edit: kintone looked for the record, so the token may run the API.
    ["edit", kintoneError("GAIA_RE01"), "granted"],
    ["manage", kintoneError("CB_VA01"), "granted_unverified"],
    ["add", httpFailure(503), "unavailable"],
    // The bulkRequest's PUT after the add failed: the add itself was allowed.
    ["add", addProbeRefused(kintoneError("GAIA_NO01"), 1), "granted"],
    ["add", addProbeRefused(kintoneError("GAIA_NO01"), 0), "missing"],
  ] as const)(
    "a %s probe answered %s reads as the real gateway's: %s",
    async (permission, failure, expected) => {
      const kintone = new RecordingGateway().answer("probe", failure);
      const answer = await kintone.probe("14", permission).catch((error: KintoneFailure) => error.kind);
      expect(answer).toBe(expected);
    },
  );

  test("closing a cursor kintone no longer has is not a failure; other failures are", async () => {
    const kintone = new RecordingGateway()
      .answerOnce("closeCursor", kintoneError("GAIA_CN01"))
      .answerOnce("closeCursor", httpFailure(503));
    await expect(kintone.closeCursor("14", "c1")).resolves.toBeUndefined();
    await expect(kintone.closeCursor("14", "c2")).rejects.toMatchObject({ kind: "unavailable" });
  });

  test.each([
    [
      kintoneError("GAIA_NO01"),
      { kind: "permission", status: 403, kintoneCode: "GAIA_NO01", retryable: false },
    ],
    [
      kintoneError("GAIA_TO04"),
      { kind: "rate_limited", status: 429, kintoneCode: "GAIA_TO04", retryable: true },
    ],
    [httpFailure(503), { kind: "unavailable", status: 503, kintoneCode: null, retryable: true }],
    [httpFailure(302, "Found"), { kind: "redirect", status: 302, kintoneCode: null, retryable: false }],
    [networkFailure(), { kind: "unavailable", status: null, kintoneCode: null, retryable: true }],
  ])("failures are the gateway's: %s", (failure, expected) => {
    expect(failure).toBeInstanceOf(KintoneFailure);
    expect({
      kind: failure.kind,
      status: failure.status,
      kintoneCode: failure.kintoneCode,
      retryable: failure.retryable,
    }).toEqual(expected);
  });

  test("a validation failure keeps kintone's errors object", () => {
    const errors = { "record.顧客名.value": { messages: ["必須です。"] } };
    expect(kintoneError("CB_VA01", { errors })).toMatchObject({ kind: "validation", status: 400, errors });
  });
});

describe("kintoneError makes the failure the real gateway makes of kintone's answer", () => {
  let emu: RunningEmulator;
  let appId: string;
  let token: string;
  beforeAll(async () => {
    emu = await startEmulator({ seed: templateSeed({ customers: 1 }) });
    appId = emu.seed?.apps.customer?.appId ?? "";
    token = emu.seed?.apps.customer?.tokens[0] ?? "";
  });
  afterAll(() => emu.close());

  const gateway = (tokens: Record<string, string>) =>
    createRestGateway({
      baseUrl: emu.url,
      tokens,
      allowedOrigins: parseAllowedOrigins("http://localhost:*"),
      sleep: async () => {},
    });

  test.each<[string, (g: KintoneGateway) => Promise<unknown>, (id: string) => Record<string, string>]>([
    ["a token kintone does not know", (g) => g.records(appId, "limit 1"), (id) => ({ [id]: "not-a-token" })],
    ["a token of another app", (g) => g.records("9999", "limit 1"), () => ({ "9999": token })],
    ["a cursor that is gone", (g) => g.readCursor(appId, "no-such-cursor"), (id) => ({ [id]: token })],
  ])("%s", async (_name, ask, tokens) => {
    const real = await failureOf(ask(gateway(tokens(appId))));
    if (!(real instanceof KintoneFailure) || real.kintoneCode === null) throw real;
    const fake = kintoneError(real.kintoneCode);
    expect([fake.kind, fake.status, fake.kintoneCode]).toEqual([real.kind, real.status, real.kintoneCode]);
  });
});
