// Issue 12: an allowed kintone origin that answers with a redirect to another host must not make the backend
// send its requests there, X-Cybozu-API-Token included. kintone's REST API never redirects, so no request
// to kintone follows one: it is a failure with its own check in 設定を確認, and the other host hears nothing.
import { templateSeed } from "@front-agent/kintone-emulator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { assistClient, kintoneCount, kintoneRecords } from "./assist-client.ts";
import { forEachDatabase, type Harness, newestRunSucceeded, startHarness } from "./harness.ts";
import {
  apiTokenOf,
  type RecordedRequest,
  type RecordingServer,
  startRecordingServer,
} from "./recording-server.ts";

let h: Harness;
/** Not allowed (KINTONE_ALLOWED_ORIGINS is http://localhost:*, this is 127.0.0.1); forwards to the emulator. */
let target: RecordingServer;
/** The kintone address the settings name (allowed): forwards to the emulator, or redirects to `target`. */
let front: RecordingServer;
let redirects: (req: RecordedRequest) => 302 | 307 | null = () => null;

forEachDatabase((database) => {
  beforeAll(async () => {
    h = await startHarness({ database, seed: templateSeed({ customers: 20, spreadDays: 10 }) });
    target = await startRecordingServer(() => ({ kind: "forward", to: h.emulator.url }));
    front = await startRecordingServer((req) => {
      const status = redirects(req);
      return status
        ? { kind: "redirect", status, location: `${target.ipUrl}${req.url}` }
        : { kind: "forward", to: h.emulator.url };
    });
  });
  afterAll(async () => {
    await front.close();
    await target.close();
    await h.close();
  });

  function clearLogs() {
    front.requests.length = 0;
    target.requests.length = 0;
  }

  /** What a server heard, one line per request: method, path, and whether it carried an API token. */
  const heard = (server: RecordingServer) =>
    server.requests.map(
      (r) => `${r.method} ${r.url} ${apiTokenOf(r) ? "with" : "without"} X-Cybozu-API-Token`,
    );

  const viaFront = (change: (s: ReturnType<Harness["settings"]>) => void = () => {}) =>
    h.settings((s) => {
      s.kintone.baseUrl = front.url;
      change(s);
    });

  describe("a kintone address that redirects", () => {
    test.each([302, 307] as const)(
      "設定を確認 (%d): 200 with the redirect as an error on kintone.baseUrl; the other host receives nothing",
      async (status) => {
        redirects = () => status;
        clearLogs();
        try {
          const res = await h.api("POST", "/v1/kintone/settings/validate", { body: viaFront() });
          expect(heard(target)).toEqual([]);
          expect(res.status).toBe(200);
          const errors = res.body.checks.filter((c: { status: string }) => c.status === "error");
          expect(errors).toEqual([
            {
              id: "kintone.redirect",
              status: "error",
              message: expect.stringContaining(front.url),
              fix: expect.stringContaining("運用者"),
              field: "kintone.baseUrl",
            },
          ]);
          expect(front.requests.length).toBeGreaterThan(0);
          expect(front.requests.every((r) => apiTokenOf(r) !== undefined)).toBe(true);

          const en = await h.api("POST", "/v1/kintone/settings/validate", {
            body: viaFront(),
            language: "en",
          });
          expect(en.body.checks[0].message).toContain("redirect");
          expect(heard(target)).toEqual([]);
        } finally {
          redirects = () => null;
        }
      },
    );

    test("an export whose write is redirected fails; the write reaches the redirecting host only", async () => {
      const saved = await h.api("PUT", "/v1/kintone/settings", {
        body: viaFront((s) => (s.userMappings = [{ frontAgentUserId: "u-1", kintoneUserCode: "yamada" }])),
      });
      expect(saved.status).toBe(200);
      await newestRunSucceeded(h);
      // A customer kintone holds once: the export goes straight to writing the minutes for it.
      const [first] = await kintoneRecords(h, h.apps.customer, '会社名 != "" order by $id asc limit 1');
      const customer = {
        id: null,
        name: String(first?.顧客名?.value),
        company: String(first?.会社名?.value),
      };
      const before = await kintoneCount(h, h.apps.activity);
      // Reads pass through; every write (the minutes, or registering the customer) is answered with a 307.
      const isWrite = (req: RecordedRequest) =>
        req.method === "POST" && /^\/k\/v1\/records?\.json/.test(req.url) ? 307 : null;
      redirects = isWrite;
      clearLogs();
      try {
        const fa = assistClient(h, { prefix: "redirect" });
        const accepted = await fa.send(fa.event({ customer }));
        expect(accepted.status).toBe(202);
        const done = await fa.settled(accepted.body.exportId);
        expect(heard(target)).toEqual([]);
        expect(done.status).toBe("failed");
        expect(done.reason).toContain("リダイレクト");
        const writes = front.requests.filter((r) => isWrite(r) !== null);
        expect(writes.length).toBeGreaterThan(0);
        expect(writes.every((r) => apiTokenOf(r) !== undefined)).toBe(true);
        expect(await kintoneCount(h, h.apps.activity)).toBe(before);
      } finally {
        redirects = () => null;
      }
    });
  });
});
