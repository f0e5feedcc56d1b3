import { templateSeed } from "@front-agent/kintone-emulator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { forEachDatabase, type Harness, newestRunSucceeded, startHarness } from "./harness.ts";

let h: Harness;
const ids: Record<string, string> = {};

type Candidate = { recordId: string; recordNumber: string; name: string; company: string; score: number };

forEachDatabase((database) => {
  beforeAll(async () => {
    h = await startHarness({ database, seed: templateSeed({ customers: 10, spreadDays: 10 }) });
    const rows: Array<[string, string, string]> = [
      ["tanaka1", "田中 一郎", "株式会社サンプル商事"],
      ["tanaka2", "田中一郎", "(株)サンプル商事"],
      ["suzuki", "鈴木 次郎", "サンプル商事株式会社"],
      ["sato", "佐藤 三郎", "ｻﾝﾌﾟﾙ商事㈱"],
      ["other", "無関係 五郎", "株式会社アザー"],
    ];
    const added = await h.kintone.addRecords(
      h.apps.customer.appId,
      rows.map(([, name, company]) => ({ 顧客名: { value: name }, 会社名: { value: company } })),
    );
    rows.forEach(([key], i) => {
      ids[key] = added.ids[i] as string;
    });
    await h.api("PUT", "/v1/kintone/settings", { body: h.settings() });
    await newestRunSucceeded(h);
  });
  afterAll(() => h.close());

  describe("CRM候補検索", () => {
    test("exact name+company first (company forms and spacing ignored), then the same company written other ways; unrelated left out", async () => {
      const res = await h.api(
        "GET",
        `/v1/crm-candidates?name=${encodeURIComponent("田中 一郎")}&company=${encodeURIComponent("サンプル商事")}`,
        { auth: "service" },
      );
      expect(res.status).toBe(200);
      const candidates: Candidate[] = res.body.candidates;
      expect(
        candidates
          .slice(0, 2)
          .map((c) => c.recordId)
          .sort(),
      ).toEqual([ids.tanaka1, ids.tanaka2].sort());
      expect(candidates[0]?.score).toBe(1);
      const rest = candidates.slice(2).map((c) => c.recordId);
      expect(rest).toEqual(expect.arrayContaining([ids.suzuki, ids.sato]));
      expect(candidates.map((c) => c.recordId)).not.toContain(ids.other);
      for (let i = 1; i < candidates.length; i++)
        expect(candidates[i - 1]?.score ?? 0).toBeGreaterThanOrEqual(candidates[i]?.score ?? 0);
      expect(candidates[2]?.score ?? 1).toBeLessThan(1);
    });

    test("a full-width query finds half-width records, and the FA customer's own search works the same", async () => {
      const res = await h.api("GET", `/v1/crm-candidates?company=${encodeURIComponent("ｻﾝﾌﾟﾙ商事")}`, {
        auth: "service",
      });
      expect(res.body.candidates.map((c: Candidate) => c.recordId)).toEqual(
        expect.arrayContaining([ids.tanaka1, ids.suzuki, ids.sato]),
      );
      const made = await h.api("POST", "/v1/customers", {
        auth: "service",
        body: { name: "田中 一郎", company: "㈱サンプル商事" },
      });
      const own = await h.api("GET", `/v1/customers/${made.body.id}/crm-candidates`, { auth: "service" });
      expect(own.body.candidates[0]).toMatchObject({ score: 1 });
      expect([ids.tanaka1, ids.tanaka2]).toContain(own.body.candidates[0].recordId);
    });

    test("no name and no company → 400; nothing found → an empty list", async () => {
      expect((await h.api("GET", "/v1/crm-candidates", { auth: "service" })).status).toBe(400);
      const none = await h.api(
        "GET",
        `/v1/crm-candidates?name=${encodeURIComponent("存在 しない")}&company=${encodeURIComponent("どこにもない商会")}`,
        { auth: "service" },
      );
      expect(none.body).toEqual({ candidates: [] });
    });
  });
});
