/**
 * Issue 12 #5: a chunked body (no Content-Length) was read whole before the 1 MiB check, so one request
 * with a service token could make the backend hold hundreds of megabytes. Every route with a body must
 * stop reading at the limit and answer 413 while the client is still sending.
 */
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ADMIN_TOKEN, type Harness, startHarness } from "./harness.ts";

// SQLite only: the limit holds while the body is read, before any route reaches the database.
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ seed: { apps: [] } });
});
afterAll(() => h.close());

/** Far more than the limit: the answer must come long before the client would have sent all of it. */
const BODY_BYTES = 64 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, "a");

interface ChunkedAnswer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: asserted field by field
  body: any;
  /** Bytes the client had written when the answer's headers arrived. */
  sentWhenAnswered: number;
}

/** Streams a JSON-typed chunked body until the server answers (or the whole body is sent). */
function sendChunked(method: string, path: string, token: string): Promise<ChunkedAnswer> {
  const url = new URL(path, h.server.url);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request(url, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    });
    req.on("response", (res) => {
      answered = true;
      const sentWhenAnswered = sent;
      const parts: Buffer[] = [];
      res.on("data", (part: Buffer) => parts.push(part));
      res.on("end", () => {
        const text = Buffer.concat(parts).toString("utf8");
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(text), sentWhenAnswered });
      });
      res.on("error", reject);
    });
    // The server closes the connection once it has answered: writing after that fails, which is expected.
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    void (async () => {
      req.write("{");
      sent += 1;
      while (!answered && sent < BODY_BYTES && !req.destroyed) {
        const more = req.write(CHUNK);
        sent += CHUNK.length;
        // The server runs in this process: give it a turn after every chunk.
        if (!more) await new Promise((r) => req.once("drain", r));
        else await new Promise((r) => setImmediate(r));
      }
      if (!answered && !req.destroyed) req.end();
      else req.destroy();
    })();
  });
}

describe("bodies over 1 MiB sent without Content-Length", () => {
  const service = (): string => h.tenant.serviceToken;
  const connection = (): string => h.tenant.connectionKey;
  test.each([
    ["POST /v1/events/assist (no signature needed to send it)", "POST", "/v1/events/assist", service],
    ["PUT /v1/kintone/settings", "PUT", "/v1/kintone/settings", connection],
    ["POST /v1/kintone/settings/validate", "POST", "/v1/kintone/settings/validate", connection],
    ["POST /v1/kintone/import-preview", "POST", "/v1/kintone/import-preview", connection],
    ["POST /v1/kintone/sync", "POST", "/v1/kintone/sync", connection],
    ["PUT /v1/users/{id}", "PUT", "/v1/users/u-1", service],
    ["POST /v1/customers", "POST", "/v1/customers", service],
    ["PATCH /v1/customers/{id}", "PATCH", "/v1/customers/c-1", service],
    ["PUT /v1/customers/{id}/kintone-link", "PUT", "/v1/customers/c-1/kintone-link", service],
    ["POST /v1/admin/tenants", "POST", "/v1/admin/tenants", (): string => ADMIN_TOKEN],
  ] as const)(
    "%s → 413 PAYLOAD_TOO_LARGE while the client is still sending",
    async (_name, method, path, token) => {
      const answer = await sendChunked(method, path, token());
      expect(answer.status).toBe(413);
      expect(answer.body.error.code).toBe("PAYLOAD_TOO_LARGE");
      expect(answer.body.error.message).toContain("1 MiB");
      // Answered after about the limit, not after the whole body: the rest was never read into memory.
      expect(answer.sentWhenAnswered).toBeLessThan(16 * 1024 * 1024);
    },
  );

  test("a chunked body under the limit is still read whole", async () => {
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(new URL("/v1/customers", h.server.url), {
        method: "POST",
        headers: { authorization: `Bearer ${h.tenant.serviceToken}`, "content-type": "application/json" },
      });
      req.on("response", (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (part: string) => {
          text += part;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on("error", reject);
      const body = JSON.stringify({
        name: "分割 送信",
        company: "株式会社チャンク",
        address: "x".repeat(400),
      });
      for (let i = 0; i < body.length; i += 50) req.write(body.slice(i, i + 50));
      req.end();
    });
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.text)).toMatchObject({ name: "分割 送信", company: "株式会社チャンク" });
  });
});
