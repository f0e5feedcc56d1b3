import { describe, expect, test } from "vitest";
import { RecordingGateway, recordJson } from "../kintone/testing.ts";
import { forEachDatabase, type TempStorage, useTempStorage } from "../storage/testing.ts";
import { CANDIDATE_INDEX_JOB } from "./candidate-index.ts";
import { confirmCandidates, gatherCandidates, type Wanted } from "./customer-candidates.ts";
import { TEMPLATE_APPS, templateSettings } from "./testing.ts";

const NOW = new Date("2026-11-25T00:00:00.000Z");
const APP = TEMPLATE_APPS.customer;
const settings = templateSettings();
/** What the matching ladder reads of the template's customer app. */
const FIELDS = ["$id", "顧客名", "会社名", "レコード番号", "メールアドレス", "電話番号"];

const customer = (id: number, name: string, company = "", email = "") =>
  recordJson(id, {
    顧客名: name,
    会社名: company,
    レコード番号: `C-${id}`,
    メールアドレス: email,
    電話番号: "",
  });

function harness(t: TempStorage) {
  function deps(kintone: RecordingGateway) {
    return { storage: t.storage, gateway: kintone, settings, now: () => NOW, onQueued: () => {} };
  }

  /** An index built and refreshed just now (no refresh request), holding these records. */
  async function indexHolds(records: Array<{ recordId: string; name: string; company: string }>) {
    const at = NOW.toISOString();
    const rows = records.map((r) => ({ ...r, recordNumber: `C-${r.recordId}` }));
    await t.storage.candidateIndex.put("t1", APP, rows, "b1");
    await t.storage.candidateIndex.finishBuild("t1", APP, {
      buildId: "b1",
      builtAt: at,
      freshSince: at,
      refreshedAt: at,
    });
  }

  async function gather(kintone: RecordingGateway, wanted: Wanted, partial = false) {
    return gatherCandidates(deps(kintone), "t1", wanted, { partial });
  }

  return { deps, indexHolds, gather };
}

// The question to kintone does not depend on the database: on SQLite alone.
describe("kintone's question (on sqlite)", () => {
  const { gather } = harness(useTempStorage("sqlite", ["t1"]));

  describe("gatherCandidates asks kintone exactly, over the spellings people type", () => {
    test.each<[string, Wanted, string]>([
      [
        "a name alone: as given and without or with either space; a company-only customer is kept the same way",
        { name: "佐藤 太郎", company: "" },
        '(顧客名 in ("佐藤 太郎", "佐藤太郎", "佐藤　太郎")) or (会社名 in ("佐藤 太郎", "佐藤太郎", "佐藤　太郎"))',
      ],
      [
        "a company: as given, NFKC and its common legal forms; the company stands in for the name (I3)",
        { name: "", company: "株式会社ＡＢＣ" },
        '(顧客名 in ("株式会社ＡＢＣ", "株式会社ABC")) or (会社名 in ("株式会社ＡＢＣ", "株式会社ABC", "ABC", ' +
          '"ABC株式会社", "(株)ABC", "ABC(株)", "（株）ABC", "㈱ABC", "有限会社ABC", "ABC有限会社", "(有)ABC", "ABC合同会社"))',
      ],
      [
        "e-mail and phone as held",
        { name: "佐藤", company: "", email: " sato@example.com ", phone: "03-1234-5678" },
        '(顧客名 in ("佐藤")) or (会社名 in ("佐藤")) or (メールアドレス = "sato@example.com") or (電話番号 = "03-1234-5678")',
      ],
    ])("%s", async (_name, wanted, terms) => {
      const kintone = new RecordingGateway().answer("records", []);
      await gather(kintone, wanted);
      expect(kintone.calls).toEqual([
        { method: "records", app: APP, query: `${terms} order by $id desc limit 500`, fields: FIELDS },
      ]);
    });
  });
});

forEachDatabase((database) => {
  const t = useTempStorage(database, ["t1"]);
  const { deps, indexHolds, gather } = harness(t);

  describe("gatherCandidates with the index", () => {
    test("before its first build: kintone's exact answers only, and a build is queued", async () => {
      const kintone = new RecordingGateway().answer("records", [customer(7, "佐藤", "", "s@example.com")]);
      const gathered = await gather(kintone, { name: "佐藤", company: "" }, true);
      expect(gathered).toEqual({
        candidates: [
          {
            recordId: "7",
            recordNumber: "C-7",
            name: "佐藤",
            company: "",
            email: "s@example.com",
            phone: "",
          },
        ],
        fromKintone: new Set(["7"]),
        index: "missing",
      });
      expect(await t.storage.jobs.pending("t1", CANDIDATE_INDEX_JOB)).toHaveLength(1);
    });

    test("kintone's answers first, then the index's equal keys and, with partial, what contains the name", async () => {
      await indexHolds([
        { recordId: "7", name: "佐藤", company: "古い会社名" },
        { recordId: "8", name: "佐藤", company: "佐藤商事" },
        { recordId: "9", name: "佐藤 次郎", company: "" },
        { recordId: "10", name: "鈴木", company: "" },
      ]);
      const kintone = new RecordingGateway().answer("records", [customer(7, "佐藤")]);
      const exact = await gather(kintone, { name: "佐藤", company: "" });
      expect(exact.index).toBe("fresh");
      expect(exact.candidates.map((c) => [c.recordId, c.company])).toEqual([
        ["7", ""],
        ["8", "佐藤商事"],
      ]);
      expect([...exact.fromKintone]).toEqual(["7"]);
      const partial = await gather(kintone, { name: "佐藤", company: "" }, true);
      expect(partial.candidates.map((c) => c.recordId).sort()).toEqual(["7", "8", "9"]);
      // A fresh index is used as it is: kintone was asked only its exact question, once per search.
      expect(kintone.calls.map((c) => c.method)).toEqual(["records", "records"]);
    });

    test("nothing to ask kintone by: no request, the index alone", async () => {
      await indexHolds([{ recordId: "3", name: "佐藤", company: "" }]);
      const kintone = new RecordingGateway();
      const gathered = await gather(kintone, { name: " ", company: "" }, true);
      expect(gathered.candidates).toEqual([]);
      expect(kintone.calls).toEqual([]);
    });
  });

  describe("confirmCandidates", () => {
    test("reads the records again by id; the index learns what was read and forgets what is gone", async () => {
      await indexHolds([
        { recordId: "3", name: "佐藤", company: "" },
        { recordId: "5", name: "佐藤", company: "" },
      ]);
      const kintone = new RecordingGateway().answer("records", [customer(3, "佐藤", "佐藤商事")]);
      const confirmed = await confirmCandidates(deps(kintone), "t1", ["3", "5"]);
      expect(confirmed.map((c) => [c.recordId, c.company])).toEqual([["3", "佐藤商事"]]);
      expect(kintone.calls).toEqual([
        { method: "records", app: APP, query: "$id in (3, 5) limit 500", fields: FIELDS },
      ]);
      const held = await t.storage.candidateIndex.search("t1", APP, ["佐藤"], 10);
      expect(held.map((r) => [r.recordId, r.company])).toEqual([["3", "佐藤商事"]]);
    });

    test("no ids: no request", async () => {
      const kintone = new RecordingGateway();
      expect(await confirmCandidates(deps(kintone), "t1", [])).toEqual([]);
      expect(kintone.calls).toEqual([]);
    });
  });
});
