/**
 * Issue 12 #7: CRM候補検索 and linking a customer before the settings were saved answered 500 INTERNAL, as
 * did every route reaching kintone once the stored kintone address was no longer among the allowed
 * origins. Known conditions answer their own code and status, in Japanese and English.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  type BackendData,
  createBackendData,
  forEachDatabase,
  type Harness,
  newestRunSucceeded,
  startHarness,
} from "./harness.ts";

type Call = [name: string, method: string, path: (customerId: string) => string, body?: unknown];

/** Every route that needs the stored settings (or the kintone they name), with the service token. */
const kintoneRoutes: Call[] = [
  ["GET /v1/crm-candidates", "GET", () => `/v1/crm-candidates?name=${encodeURIComponent("佐藤 花子")}`],
  ["GET /v1/customers/{id}/crm-candidates", "GET", (id) => `/v1/customers/${id}/crm-candidates`],
  [
    "PUT /v1/customers/{id}/kintone-link",
    "PUT",
    (id) => `/v1/customers/${id}/kintone-link`,
    { recordId: "1" },
  ],
];

forEachDatabase((database) => {
  describe("before the settings are saved", () => {
    let h: Harness;
    let customerId: string;
    beforeAll(async () => {
      h = await startHarness({ database, seed: { apps: [] } });
      const made = await h.api("POST", "/v1/customers", {
        auth: "service",
        body: { name: "佐藤 花子", company: "株式会社サンプル" },
      });
      customerId = made.body.id;
    });
    afterAll(() => h.close());

    test.each(kintoneRoutes)("%s → 404 SETTINGS_NOT_FOUND", async (_name, method, path, body) => {
      const ja = await h.api(method, path(customerId), { auth: "service", body });
      expect(ja.status).toBe(404);
      expect(ja.body.error).toEqual({
        code: "SETTINGS_NOT_FOUND",
        message: "設定がまだ保存されていません。プラグインの設定画面で保存してください。",
      });
      const en = await h.api(method, path(customerId), { auth: "service", body, language: "en" });
      expect(en.body.error.message).toBe(
        "No settings have been saved yet. Save them in the plug-in settings screen.",
      );
    });

    test.each([
      ["GET /v1/kintone/settings", "GET", "/v1/kintone/settings", undefined],
      ["POST /v1/kintone/sync", "POST", "/v1/kintone/sync", { mode: "full" }],
    ])("%s (plug-in) → 404 SETTINGS_NOT_FOUND as well", async (_name, method, path, body) => {
      const res = await h.api(method, path, { body });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("SETTINGS_NOT_FOUND");
    });
  });

  describe("stored settings whose kintone address is no longer allowed (the operator narrowed KINTONE_ALLOWED_ORIGINS)", () => {
    let data: BackendData;
    let before: Harness;
    let after: Harness;
    let customerId: string;
    let kintoneUrl: string;
    beforeAll(async () => {
      data = await createBackendData(database);
      before = await startHarness({ data });
      kintoneUrl = before.emulator.url;
      const saved = await before.api("PUT", "/v1/kintone/settings", { body: before.settings() });
      if (saved.status !== 200) throw new Error(`settings not saved: ${saved.text}`);
      await newestRunSucceeded(before);
      const made = await before.api("POST", "/v1/customers", {
        auth: "service",
        body: { name: "佐藤 花子", company: "株式会社サンプル" },
      });
      customerId = made.body.id;
      await before.close();
      // The same database and secret key; the emulator's http://localhost:<port> is no longer allowed.
      after = await startHarness({ data, env: { KINTONE_ALLOWED_ORIGINS: "http://127.0.0.1:*" } });
    });
    afterAll(async () => {
      await after?.close();
      await data?.remove();
    });

    test.each(kintoneRoutes)(
      "%s → 422 KINTONE_ORIGIN_NOT_ALLOWED naming the address",
      async (_name, method, path, body) => {
        const auth = before.tenant.serviceToken;
        const ja = await after.api(method, path(customerId), { auth, body });
        expect(ja.status).toBe(422);
        expect(ja.body.error).toEqual({
          code: "KINTONE_ORIGIN_NOT_ALLOWED",
          message: `kintone の URL「${kintoneUrl}」は接続先として許可されていません。`,
        });
        const en = await after.api(method, path(customerId), { auth, body, language: "en" });
        expect(en.body.error.message).toBe(`The kintone URL "${kintoneUrl}" is not an allowed destination.`);
      },
    );

    test("what does not reach kintone still answers", async () => {
      const status = await after.api("GET", "/v1/kintone/status", { auth: before.tenant.connectionKey });
      expect(status.status).toBe(200);
      const customer = await after.api("GET", `/v1/customers/${customerId}`, {
        auth: before.tenant.serviceToken,
      });
      expect(customer).toMatchObject({ status: 200, body: { id: customerId } });
    });
  });
});
