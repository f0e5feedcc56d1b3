import { templateSeed } from "@front-agent/kintone-emulator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { assistClient } from "./assist-client.ts";
import { forEachDatabase, type Harness, newestRunSucceeded, startHarness } from "./harness.ts";

// What the backend does where it leans on a kintone behaviour kintone does not document: each test names
// its row of emulator/README.md "Uncertain kintone behaviours". If kintone turns out to behave the other
// way, the row and this test change together.
let h: Harness;

type Check = { id: string; status: string; code?: string; field?: string };
const errorsOf = (checks: Check[]) => checks.filter((c) => c.status === "error");

forEachDatabase((database) => {
  beforeAll(async () => {
    h = await startHarness({ database, seed: templateSeed({ customers: 10, spreadDays: 5 }) });
  });
  afterAll(() => h.close());

  describe("settings checks", () => {
    test("row 'only another app's token': the two tokens swapped → each app's token is reported invalid", async () => {
      const res = await h.api("POST", "/v1/kintone/settings/validate", {
        body: h.settings((s) => {
          s.customerApp.apiToken = h.apps.activity.token;
          s.activityApp.apiToken = h.apps.customer.token;
        }),
      });
      expect(res.status).toBe(200);
      expect(errorsOf(res.body.checks).map((c) => [c.id, c.field])).toEqual([
        ["customerApp.token", "customerApp.apiToken"],
        ["activityApp.token", "activityApp.apiToken"],
      ]);
    });

    test("row 'only another app's token': an app id no app has → the app id is reported, not the token", async () => {
      const res = await h.api("POST", "/v1/kintone/settings/validate", {
        body: h.settings((s) => (s.customerApp.appId = "9999")),
      });
      expect(res.status).toBe(200);
      const [error] = errorsOf(res.body.checks);
      expect(error).toMatchObject({ id: "customerApp.app", field: "customerApp.appId" });
    });
  });

  describe("exports", () => {
    test("row 'a user code kintone does not know': the export fails at once with GAIA_IL26, not retried as an outage", async () => {
      const saved = await h.api("PUT", "/v1/kintone/settings", {
        body: h.settings(
          (s) => (s.userMappings = [{ frontAgentUserId: "u-ghost", kintoneUserCode: "ghost" }]),
        ),
      });
      expect(saved.status).toBe(200);
      await newestRunSucceeded(h);
      const fa = assistClient(h, {
        base: () => ({
          customer: { id: null, name: "幽霊 テスト", company: "幽霊商事" },
          minutes: { summary: "要約", body: "本文" },
        }),
      });
      await h.kintone.resetStats();
      const accepted = await fa.send(
        fa.event({ user: { id: "u-ghost", name: "幽霊", email: "ghost@example.com" } }),
      );
      const failed = await fa.settled(accepted.body.exportId);
      expect(failed).toMatchObject({ status: "failed", reason: expect.stringContaining("GAIA_IL26") });
      const refused = (await h.kintone.requests("/k/v1/record.json")).filter(
        (r) => r.method === "POST" && r.appId === Number(h.apps.activity.appId),
      );
      // Once, and once more with the form read anew (a refusal may come from a changed form): never 8 tries.
      expect(refused.length).toBeGreaterThanOrEqual(1);
      expect(refused.length).toBeLessThanOrEqual(2);
      expect(refused.every((r) => r.status === 400)).toBe(true);
    });
  });
});
