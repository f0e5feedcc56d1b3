import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import type { EmulatorClient, RunningEmulator } from "@front-agent/kintone-emulator";
import { KintoneRestAPIClient } from "@kintone/rest-api-client";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { internalsOf } from "./client-internals.ts";
import { startCustomerAppEmulator } from "./emulator-testing.ts";
import { toKintoneFailure } from "./failure.ts";
import { refuseRedirects } from "./no-redirects.ts";
import { plainGet } from "./plain-get.ts";

let emu: RunningEmulator;
let control: EmulatorClient;
let appId: string;
let token: string;
/** A stand-in kintone answering with what `answer` says: for what the emulator never sends. */
let other: Server;
let otherUrl: string;
let answer: { status: number; headers: Record<string, string>; body: Buffer } = {
  status: 200,
  headers: {},
  body: Buffer.from("{}"),
};

beforeAll(async () => {
  ({ emu, control, appId, token } = await startCustomerAppEmulator(700));
  other = createServer((_req, res) => res.writeHead(answer.status, answer.headers).end(answer.body));
  await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
  otherUrl = `http://localhost:${(other.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await emu.close();
  await new Promise((resolve) => other.close(resolve));
});

function client(baseUrl = emu.url) {
  const c = new KintoneRestAPIClient({
    baseUrl,
    auth: { apiToken: token },
    userAgent: "front-agent-kintone",
  });
  refuseRedirects(c);
  return c;
}

/** Both ways of reading one page: what came back, or the failure it became. */
async function both(params: { app: string; query: string; fields?: string[] }, baseUrl?: string) {
  const settle = (p: Promise<unknown>) =>
    p.then(
      (value) => ({ value }),
      (error: unknown) => {
        const f = toKintoneFailure(error);
        // kintone's request id at the end of the message differs from one request to the next.
        const message = f.message.replace(/ \([A-Za-z0-9]+\)$/, "");
        return { failure: { kind: f.kind, status: f.status, code: f.kintoneCode, message } };
      },
    );
  const c = client(baseUrl);
  return {
    plain: await settle(plainGet(c, "/k/v1/records.json", params)),
    official: await settle(c.record.getRecords(params)),
  };
}

describe("a records.json page read past axios is what the official client reads", () => {
  test("the same records, with the fields asked for, and the same request", async () => {
    await control.resetStats();
    const params = { app: appId, query: "order by $id asc limit 500", fields: ["$id", "顧客名"] };
    const { plain, official } = await both(params);
    expect(plain).toEqual(official);
    expect((plain as { value: { records: unknown[] } }).value.records).toHaveLength(500);
    const [viaPlain, viaClient] = await control.requests("/k/v1/records.json");
    expect(viaPlain?.params).toEqual(viaClient?.params);
    expect(viaPlain?.auth).toBe("token");
  });

  test.each([
    ["an app that does not exist (kintone's JSON error)", { app: "9999", query: "limit 1" }],
    ["a query kintone refuses", { app: "", query: "order by nothing limit 1" }],
  ])("the same failure for %s", async (_name, params) => {
    const { plain, official } = await both({ ...params, app: params.app || appId });
    expect("failure" in plain).toBe(true);
    expect(plain).toEqual(official);
  });

  test("the same failure for a maintenance page (503, not JSON) and for 429", async () => {
    for (const status of [503, 429]) {
      await control.addFault({ status, path: "/k/v1/records.json", times: 2 });
      const { plain, official } = await both({ app: appId, query: "limit 1" });
      expect(plain).toEqual(official);
      expect((plain as { failure: { kind: string } }).failure.kind).toBe(
        status === 429 ? "rate_limited" : "unavailable",
      );
    }
  });

  test("a compressed answer is decoded", async () => {
    const body = { records: [{ $id: { type: "__ID__", value: "7" } }], totalCount: null };
    answer = {
      status: 200,
      headers: { "content-type": "application/json", "content-encoding": "gzip" },
      body: gzipSync(JSON.stringify(body)),
    };
    const { plain, official } = await both({ app: appId, query: "limit 1" }, otherUrl);
    expect(plain).toEqual({ value: body });
    expect(official).toEqual(plain);
  });

  test("a redirect is not followed: the same redirect failure", async () => {
    answer = { status: 302, headers: { location: `${emu.url}/k/v1/records.json` }, body: Buffer.from("") };
    const { plain, official } = await both({ app: appId, query: "limit 1" }, otherUrl);
    expect((plain as { failure: { kind: string } }).failure.kind).toBe("redirect");
    expect(plain).toEqual(official);
  });

  test("a URL too long for a GET is left to the client (its POST with X-HTTP-Method-Override)", async () => {
    const query = `$id in (${Array.from({ length: 800 }, (_, i) => i + 1).join(",")})`;
    expect(await plainGet(client(), "/k/v1/records.json", { app: appId, query })).toBeNull();
  });
});

describe("the client's internals plainGet reads", () => {
  // A release of the client that moves them fails here, not silently in the import's speed.
  test("are found in the client this backend uses", () => {
    expect(internalsOf(client())).not.toBeNull();
  });

  test.each([
    ["gone", undefined],
    ["without the response handler", { requestConfigBuilder: { build: () => ({}) } }],
    ["a builder that is not one", { requestConfigBuilder: {}, responseHandler: { handle: () => ({}) } }],
  ])("%s: null, and the page is read by the client", async (_name, internals) => {
    const c = client();
    Object.defineProperty(c.record, "client", { value: internals });
    expect(internalsOf(c)).toBeNull();
    expect(await plainGet(c, "/k/v1/records.json", { app: appId, query: "limit 1" })).toBeNull();
  });
});
