import { request } from "node:http";
import { templateSeed } from "@front-agent/kintone-emulator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { forEachDatabase, type Harness, newestRunSucceeded, startHarness } from "./harness.ts";

// Issue 12 #3: what a record page can reach through kintone's proxy is the customer link and nothing else.
// The record key is what the plug-in stores in the proxy config; the connection key is typed by the
// administrator on the config screen and never stored in kintone (plugin/README.md "Threat model").
let h: Harness;
let recordKey: string;

forEachDatabase((database) => {
  beforeAll(async () => {
    h = await startHarness({ database, seed: templateSeed({ customers: 5, spreadDays: 5 }) });
    const saved = await h.api("PUT", "/v1/kintone/settings", { body: h.settings() });
    expect(saved.status).toBe(200);
    recordKey = saved.body.recordKey;
    await newestRunSucceeded(h);
  });
  afterAll(() => h.close());

  describe("the record key", () => {
    test("every save issues one, unlike the connection key and the service token", () => {
      expect(recordKey).toMatch(/^fa_rk_[A-Za-z0-9_-]{40,}$/);
      expect(recordKey).not.toBe(h.tenant.connectionKey);
    });

    test("opens the record button's link", async () => {
      const linked = await h.api("GET", "/v1/kintone/customer-link?recordId=1", { auth: recordKey });
      expect(linked.status).toBe(200);
      expect(linked.body.url).toMatch(/\/customers\//);
    });

    test.each([
      ["PUT", "/v1/kintone/settings"],
      ["POST", "/v1/kintone/settings/validate"],
      ["GET", "/v1/kintone/settings"],
      ["GET", "/v1/kintone/status"],
      ["POST", "/v1/kintone/sync"],
      ["POST", "/v1/kintone/import-preview"],
      ["GET", "/v1/users"],
      ["GET", "/v1/customers"],
    ])("%s %s → 401: a record page's user cannot act as the administrator", async (method, path) => {
      const body = method === "GET" ? undefined : path.endsWith("sync") ? { mode: "full" } : h.settings();
      const res = await h.api(method, path, { auth: recordKey, body });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("UNAUTHORIZED");
    });

    test("a path that climbs out of customer-link is refused too", async () => {
      const status = await new Promise<number>((resolve, reject) => {
        const url = new URL(h.server.url);
        const req = request(
          {
            host: url.hostname,
            port: url.port,
            method: "GET",
            path: "/v1/kintone/customer-link/../settings",
            headers: { authorization: `Bearer ${recordKey}` },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on("error", reject);
        req.end();
      });
      expect(status).toBe(401);
    });

    test("the connection key still opens everything the config screen does, the customer link included", async () => {
      expect((await h.api("GET", "/v1/kintone/status")).status).toBe(200);
      expect((await h.api("GET", "/v1/kintone/customer-link?recordId=1")).status).toBe(200);
    });
  });
});
