import { templateSeed } from "@front-agent/kintone-emulator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eventually, forEachDatabase, type Harness, newestRunSucceeded, startHarness } from "./harness.ts";

// The backend's clock, moved forward by the tests (the index refreshes after 30 s, rebuilds after a day).
let offsetMs = 0;
let h: Harness;
const ids: Record<string, string> = {};

type Candidate = { recordId: string; name: string; company: string; score: number };

const search = async (params: Record<string, string>) => {
  const query = new URLSearchParams(params).toString();
  const res = await h.api("GET", `/v1/crm-candidates?${query}`, { auth: "service" });
  expect(res.status).toBe(200);
  return res.body.candidates as Candidate[];
};
const found = (candidates: Candidate[]) => candidates.map((c) => c.recordId);

forEachDatabase((database) => {
  beforeAll(async () => {
    offsetMs = 0;
    h = await startHarness({
      database,
      seed: templateSeed({ customers: 10, spreadDays: 10 }),
      server: { now: () => new Date(Date.now() + offsetMs) },
    });
    // Two records last updated 200 days ago: outside the first import's 60-day window, so never imported.
    await h.kintone.clock({ now: new Date(Date.now() - 200 * 86_400_000).toISOString() });
    const old = await h.kintone.addRecords(h.apps.customer.appId, [
      { 顧客名: { value: "古川 四郎" }, 会社名: { value: "古河サンプル工業株式会社" } },
      { 顧客名: { value: "消える 七郎" }, 会社名: { value: "株式会社ゴースト" } },
    ]);
    ids.old = old.ids[0] as string;
    ids.doomed = old.ids[1] as string;
    await h.kintone.clock({ now: null });
    expect((await h.api("PUT", "/v1/kintone/settings", { body: h.settings() })).status).toBe(200);
    await newestRunSucceeded(h);
  });
  afterAll(() => h.close());

  describe("CRM候補検索 over the whole customer app (SPEC L1)", () => {
    test("a record the first import left out is found by part of its name or company", async () => {
      const directory = await h.api("GET", `/v1/customers?q=${encodeURIComponent("古川")}`, {
        auth: "service",
      });
      expect(directory.body.customers).toEqual([]);
      const byName = await eventually(async () => {
        const candidates = await search({ name: "古川" });
        return found(candidates).includes(ids.old as string) ? candidates : undefined;
      });
      expect(byName.find((c) => c.recordId === ids.old)).toMatchObject({
        name: "古川 四郎",
        company: "古河サンプル工業株式会社",
      });
      // Part of the company, written in half-width kana with another legal form.
      expect(found(await search({ company: "ｻﾝﾌﾟﾙ工業(株)" }))).toContain(ids.old);
    });

    test("a record added in kintone after the index was built is found once 30 s have passed", async () => {
      const added = await h.kintone.addRecords(h.apps.customer.appId, [
        { 顧客名: { value: "新井 六郎" }, 会社名: { value: "新井テクノ合同会社" } },
      ]);
      offsetMs += 31_000;
      expect(found(await search({ name: "新井" }))).toContain(added.ids[0]);
      expect(found(await search({ company: "テクノ" }))).toContain(added.ids[0]);
    });

    test("a record deleted in kintone leaves the candidates at the next daily rebuild", async () => {
      expect(found(await search({ name: "七郎" }))).toContain(ids.doomed);
      const res = await fetch(`${h.emulator.url}/k/v1/records.json`, {
        method: "DELETE",
        headers: { "X-Cybozu-API-Token": h.apps.customer.token, "content-type": "application/json" },
        body: JSON.stringify({ app: h.apps.customer.appId, ids: [ids.doomed] }),
      });
      expect(res.status).toBe(200);
      offsetMs += 25 * 3_600_000;
      await eventually(async () =>
        found(await search({ name: "七郎" })).includes(ids.doomed as string) ? undefined : true,
      );
      expect(found(await search({ name: "古川" }))).toContain(ids.old);
    });
  });
});
