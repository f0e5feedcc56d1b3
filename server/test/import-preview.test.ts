import { templateSeed } from "@front-agent/kintone-emulator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eventually, forEachDatabase, type Harness, startHarness } from "./harness.ts";

let h: Harness;

forEachDatabase((database) => {
  beforeAll(async () => {
    h = await startHarness({ database, seed: templateSeed({ customers: 700, spreadDays: 30 }) });
  });
  afterAll(() => h.close());

  describe("the first import's preview (SPEC: before the first import, what it will do)", () => {
    test("says what the first import then does: in scope, read, created, linked, skipped — and writes nothing", async () => {
      // Front Agent already knows one customer of the app: the import links it instead of creating it.
      const [record] = (
        (await (
          await fetch(
            `${h.emulator.url}/k/v1/records.json?app=${h.apps.customer.appId}&query=${encodeURIComponent('顧客名 != "" and 会社名 != "" order by 更新日時 desc limit 1')}`,
            { headers: { "X-Cybozu-API-Token": h.apps.customer.token } },
          )
        ).json()) as { records: Array<Record<string, { value: string }>> }
      ).records;
      const known = await h.api("POST", "/v1/customers", {
        auth: "service",
        body: { name: record?.顧客名?.value, company: record?.会社名?.value },
      });
      expect(known.status).toBe(201);

      const settings = h.settings((s) => {
        s.options.initialMaxRecords = 600;
      });
      const preview = await h.api("POST", "/v1/kintone/import-preview", { body: settings });
      expect(preview.status).toBe(200);
      expect(preview.body).toMatchObject({ inScope: 700, read: 600 });
      expect(preview.body.linked).toBe(1);
      expect(preview.body.created + preview.body.linked + preview.body.skipped).toBe(600);
      expect(preview.body.skipped).toBeGreaterThan(0);
      expect(
        Object.values(preview.body.skippedReasons as Record<string, number>).reduce((a, b) => a + b, 0),
      ).toBe(preview.body.skipped);
      // Nothing was written: the directory still holds only Front Agent's own customer.
      const directory = await h.api("GET", "/v1/customers?limit=500", { auth: "service" });
      expect(directory.body.customers).toHaveLength(1);

      expect((await h.api("PUT", "/v1/kintone/settings", { body: settings })).status).toBe(200);
      const run = await eventually(async () => {
        const runs = (await h.api("GET", "/v1/kintone/status")).body.runs;
        return runs[0]?.status === "succeeded" ? runs[0] : undefined;
      });
      expect({ read: run.read, created: run.created, linked: run.updated, skipped: run.skipped }).toEqual({
        read: preview.body.read,
        created: preview.body.created,
        linked: preview.body.linked,
        skipped: preview.body.skipped,
      });
    });

    test("reads a window the cap holds as the run does: the count beside the first page from each end, no id bounds", async () => {
      const before = (await h.kintone.requests("/k/v1/records.json")).length;
      const preview = await h.api("POST", "/v1/kintone/import-preview", { body: h.settings() });
      expect(preview.status).toBe(200);
      expect(preview.body).toMatchObject({ inScope: 700, read: 700 });
      const queries = (await h.kintone.requests("/k/v1/records.json"))
        .slice(before)
        .map((r) => String(r.params.query ?? "").replace(/^.*?(?=\$id > 0 |order by |limit 1$)/, ""));
      // 700 records: the two pages (ids 1–500 and 201–700) meet, so nothing is left between them.
      expect(queries.sort()).toEqual([
        "$id > 0 order by $id asc limit 500",
        "limit 1",
        "order by $id desc limit 500",
      ]);
    });

    test("a kintone address outside the allowed origins is refused before anything is sent", async () => {
      const res = await h.api("POST", "/v1/kintone/import-preview", {
        body: h.settings((s) => {
          s.kintone.baseUrl = "https://evil.example.com";
        }),
      });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe("KINTONE_ORIGIN_NOT_ALLOWED");
    });
  });
});
