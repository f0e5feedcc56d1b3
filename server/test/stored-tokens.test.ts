// Issue 12: `{"set": true}` keeps a stored API token only for the kintone origin and the app id it was stored
// for. Otherwise the connection key alone could send both stored tokens to any allowed origin (in production
// any *.cybozu.com) or use one app's token for another app. Such a token must be given again: an error check
// on the token's field, and nothing is sent with it.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  eventually,
  forEachDatabase,
  type Harness,
  newestRunSucceeded,
  type SettingsBody,
  startHarness,
} from "./harness.ts";
import { apiTokenOf, type RecordingServer, startRecordingServer } from "./recording-server.ts";

let h: Harness;
/** Another kintone the allowed origins admit (http://localhost:*): it forwards to the emulator and records. */
let other: RecordingServer;

type Check = { id: string; status: string; message: string; fix?: string; field?: string };
const errorsOf = (checks: Check[]) => checks.filter((c) => c.status === "error");
const keep = (s: SettingsBody) => {
  s.customerApp.apiToken = { set: true };
  s.activityApp.apiToken = { set: true };
};
/** The API tokens another server was sent, one entry per request that carried any. */
const tokensHeard = (server: RecordingServer) =>
  server.requests.map(apiTokenOf).filter((t): t is string => t !== undefined);

forEachDatabase((database) => {
  beforeAll(async () => {
    h = await startHarness({ database });
    other = await startRecordingServer(() => ({ kind: "forward", to: h.emulator.url }));
    const saved = await h.api("PUT", "/v1/kintone/settings", { body: h.settings() });
    expect(saved.status).toBe(200);
    // The save's first import and candidate index run in the background: let them finish, so that what the
    // emulator hears afterwards comes from the requests under test.
    await newestRunSucceeded(h);
    await eventually(async () => {
      await h.kintone.resetStats();
      await new Promise((r) => setTimeout(r, 300));
      return (await h.kintone.requests()).length === 0 ? true : undefined;
    });
  });
  afterAll(async () => {
    await other.close();
    await h.close();
  });

  describe("{set: true} at another kintone origin", () => {
    const elsewhere = (change: (s: SettingsBody) => void = keep) =>
      h.settings((s) => {
        s.kintone.baseUrl = other.url;
        change(s);
      });

    test("設定を確認: 200, both token fields must be given again, the other origin hears no token", async () => {
      other.requests.length = 0;
      const res = await h.api("POST", "/v1/kintone/settings/validate", { body: elsewhere() });
      expect(tokensHeard(other)).toEqual([]);
      expect(other.requests).toEqual([]);
      expect(res.status).toBe(200);
      const errors = errorsOf(res.body.checks);
      expect(errors.map((c) => [c.id, c.field])).toEqual([
        ["customerApp.token", "customerApp.apiToken"],
        ["activityApp.token", "activityApp.apiToken"],
      ]);
      expect(errors[0]?.message).toContain(`ID: ${h.apps.customer.appId}`);
      expect(errors[0]?.fix).toContain("API トークンを入力し直してください");
      const en = await h.api("POST", "/v1/kintone/settings/validate", { body: elsewhere(), language: "en" });
      expect(errorsOf(en.body.checks)[0]?.fix).toContain("enter the API token again");
      expect(other.requests).toEqual([]);
    });

    test("PUT: 422 naming both token fields, nothing stored, nothing sent", async () => {
      other.requests.length = 0;
      const res = await h.api("PUT", "/v1/kintone/settings", { body: elsewhere() });
      expect(other.requests).toEqual([]);
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe("SETTINGS_INVALID");
      expect(errorsOf(res.body.error.details.checks).map((c) => c.field)).toEqual([
        "customerApp.apiToken",
        "activityApp.apiToken",
      ]);
      expect((await h.api("GET", "/v1/kintone/settings")).body.kintone.baseUrl).toBe(h.emulator.url);
    });

    test("import preview: 422 naming both token fields, nothing sent", async () => {
      other.requests.length = 0;
      const res = await h.api("POST", "/v1/kintone/import-preview", { body: elsewhere() });
      expect(other.requests).toEqual([]);
      expect(res.status).toBe(422);
      expect(res.body.error.details.checks.map((c: Check) => c.field)).toEqual([
        "customerApp.apiToken",
        "activityApp.apiToken",
      ]);
    });

    test("one token given, the other {set: true}: only the given one is sent there", async () => {
      other.requests.length = 0;
      const res = await h.api("POST", "/v1/kintone/settings/validate", {
        body: elsewhere((s) => (s.activityApp.apiToken = { set: true })),
      });
      expect(new Set(tokensHeard(other))).toEqual(new Set([h.apps.customer.token]));
      expect(errorsOf(res.body.checks).map((c) => c.field)).toEqual(["activityApp.apiToken"]);
    });
  });

  describe("{set: true} at the same origin", () => {
    test("for another app id: that token must be given again and is never sent for it", async () => {
      const app = await h.kintone.createApp({
        name: "別の顧客管理",
        fields: [
          { type: "SINGLE_LINE_TEXT", code: "顧客名", label: "顧客名", unique: true },
          { type: "SINGLE_LINE_TEXT", code: "会社名", label: "会社名" },
        ],
      });
      await h.kintone.resetStats();
      const res = await h.api("POST", "/v1/kintone/settings/validate", {
        body: h.settings((s) => {
          keep(s);
          s.customerApp.appId = app.appId;
        }),
      });
      expect(res.status).toBe(200);
      expect(errorsOf(res.body.checks).filter((c) => c.field === "customerApp.apiToken")).toEqual([
        expect.objectContaining({
          id: "customerApp.token",
          message: expect.stringContaining(`ID: ${app.appId}`),
        }),
      ]);
      expect((await h.kintone.requests()).filter((r) => String(r.appId) === app.appId)).toEqual([]);
    });

    test("the two apps swapped: neither stored token is used for the other app", async () => {
      await h.kintone.resetStats();
      const res = await h.api("POST", "/v1/kintone/settings/validate", {
        body: h.settings((s) => {
          keep(s);
          s.customerApp.appId = h.apps.activity.appId;
          s.activityApp.appId = h.apps.customer.appId;
        }),
      });
      expect(res.status).toBe(200);
      expect(errorsOf(res.body.checks).map((c) => c.id)).toEqual(["customerApp.token", "activityApp.token"]);
      expect(await h.kintone.requests()).toEqual([]);
    });

    test("for the same app ids: the stored tokens are kept as before", async () => {
      const res = await h.api("POST", "/v1/kintone/settings/validate", { body: h.settings(keep) });
      expect(res.status).toBe(200);
      expect(errorsOf(res.body.checks)).toEqual([]);
      const put = await h.api("PUT", "/v1/kintone/settings", { body: h.settings(keep) });
      expect(put.status).toBe(200);
    });
  });
});
