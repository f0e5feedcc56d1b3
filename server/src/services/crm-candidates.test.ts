import { describe, expect, test } from "vitest";
import { RecordingGateway, recordJson } from "../kintone/testing.ts";
import { forEachDatabase, useTempStorage } from "../storage/testing.ts";
import { searchCandidates } from "./crm-candidates.ts";
import { TEMPLATE_APPS, templateSettings } from "./testing.ts";

const NOW = new Date("2026-11-25T00:00:00.000Z");
const APP = TEMPLATE_APPS.customer;

const customer = (id: number, name: string, company: string) =>
  recordJson(id, { 顧客名: name, 会社名: company, レコード番号: `C-${id}` });

forEachDatabase((database) => {
  const t = useTempStorage(database, ["t1"]);

  const search = (kintone: RecordingGateway, name: string, company: string, limit?: number) =>
    searchCandidates(
      {
        storage: t.storage,
        gateway: kintone,
        settings: templateSettings(),
        now: () => NOW,
        onQueued: () => {},
      },
      "t1",
      { name, company },
      limit,
    );

  describe("searchCandidates (CRM候補検索)", () => {
    test("an empty query asks nothing and finds nothing", async () => {
      const kintone = new RecordingGateway();
      expect(await search(kintone, "  ", "")).toEqual([]);
      expect(kintone.calls).toEqual([]);
    });

    test("kintone's exact answers ranked, best first, without e-mail or phone, at most `limit`", async () => {
      const kintone = new RecordingGateway().answer("records", [
        customer(3, "佐藤 太郎", "佐藤商事"),
        customer(4, "佐藤 太郎", "株式会社佐藤商事"),
        customer(5, "佐藤 花子", "佐藤商事"),
      ]);
      const found = await search(kintone, " 佐藤太郎 ", "佐藤商事");
      expect(found.map((c) => [c.recordId, c.score])).toEqual([
        // Legal form and spaces ignored: the ladder's exact key, newest record first.
        ["4", 1],
        ["3", 1],
        ["5", expect.any(Number)],
      ]);
      expect(found[0]).toEqual({
        recordId: "4",
        recordNumber: "C-4",
        name: "佐藤 太郎",
        company: "株式会社佐藤商事",
        score: 1,
      });
      expect(await search(kintone, "佐藤太郎", "佐藤商事", 1)).toHaveLength(1);
      // The query trimmed before kintone is asked: one request per search, in the customer app.
      const [first] = kintone.callsOf("records");
      expect(first?.app).toBe(APP);
      expect(first?.query).toContain('顧客名 in ("佐藤太郎", ');
      expect(kintone.calls).toHaveLength(2);
    });
  });
});
