// Issue 16: the first import and a full sync build the candidate index from their own read, so a search
// or an export that finds it missing (or a day old) while one of them runs must not queue a second read.
import { updatedSinceCondition } from "@front-agent/shared";
import { describe, expect, test } from "vitest";
import type { KintoneRecordJson } from "../kintone/gateway.ts";
import { RecordingGateway, recordJson } from "../kintone/testing.ts";
import type { ImportRunKind } from "../storage/index.ts";
import { forEachDatabase, useTempStorage } from "../storage/testing.ts";
import {
  buildCandidateIndex,
  CANDIDATE_INDEX_JOB,
  REBUILD_AFTER_MS,
  REFRESH_AFTER_MS,
  refreshCandidateIndex,
  updatedBeforeCondition,
} from "./candidate-index.ts";
import { startImportRun } from "./import/start-run.ts";
import { TEMPLATE_APPS, templateSettings } from "./testing.ts";

const NOW = new Date("2026-11-25T00:00:00.000Z");
const APP = TEMPLATE_APPS.customer;
const settings = templateSettings();
/** The fields the index reads of the template's customer app. */
const FIELDS = ["$id", "顧客名", "会社名", "レコード番号"];
const FORM = { 更新日時: { type: "UPDATED_TIME", code: "更新日時", label: "更新日時" } };

const customer = (id: number, name: string, company = "") =>
  recordJson(id, { 顧客名: name, 会社名: company, レコード番号: `C-${id}`, メールアドレス: "" });

describe("updatedBeforeCondition", () => {
  test.each([
    ["a minute's start", "2026-10-05T09:52:00Z", '更新日時 < "2026-10-05T09:52:00Z"'],
    // The window's condition floors to the minute; its complement must use the same minute.
    ["within a minute", "2026-10-05T09:52:41.250Z", '更新日時 < "2026-10-05T09:52:00Z"'],
  ])("%s", (_name, since, expected) => {
    expect(updatedBeforeCondition("更新日時", new Date(since))).toBe(expected);
    expect(updatedSinceCondition("更新日時", new Date(since), 0).replace(">=", "<")).toBe(expected);
  });
});

forEachDatabase((database) => {
  const t = useTempStorage(database, ["t1"]);

  async function refresh(kintone = new RecordingGateway()) {
    let queued = 0;
    const answer = await refreshCandidateIndex(
      { storage: t.storage, gateway: kintone, settings, now: () => NOW, onQueued: () => queued++ },
      "t1",
    );
    const pending = await t.storage.jobs.pending("t1", CANDIDATE_INDEX_JOB);
    expect(pending).toHaveLength(queued);
    return { answer, queued };
  }

  async function built(ago: number, refreshedAgo = 0) {
    const at = new Date(NOW.getTime() - ago).toISOString();
    await t.storage.candidateIndex.finishBuild("t1", APP, {
      buildId: "b1",
      builtAt: at,
      freshSince: at,
      refreshedAt: new Date(NOW.getTime() - refreshedAgo).toISOString(),
    });
  }

  /** What the index holds whose name or company contains one of the needles: [record id, name]. */
  const indexed = async (needles: string[]) =>
    (await t.storage.candidateIndex.search("t1", APP, needles, 1000)).map((r) => [r.recordId, r.name]).sort();

  describe("refreshCandidateIndex queues a build only when no read of the whole app is under way", () => {
    test.each<[string, ImportRunKind | null, number | null, { answer: string; queued: number }]>([
      ["never built, nothing running", null, null, { answer: "missing", queued: 1 }],
      ["never built, a first import running", "initial", null, { answer: "missing", queued: 0 }],
      ["never built, a full sync running", "full", null, { answer: "missing", queued: 0 }],
      // An incremental sync reads what changed: it cannot build the index.
      ["never built, an incremental sync running", "incremental", null, { answer: "missing", queued: 1 }],
      ["a day old, nothing running", null, REBUILD_AFTER_MS + 1, { answer: "fresh", queued: 1 }],
      ["a day old, a full sync running", "full", REBUILD_AFTER_MS + 1, { answer: "fresh", queued: 0 }],
      ["built an hour ago", null, 3_600_000, { answer: "fresh", queued: 0 }],
    ])("%s", async (_name, running, builtAgo, expected) => {
      if (running) await startImportRun(t.storage, "t1", running, NOW);
      if (builtAgo !== null) await built(builtAgo);
      // These cases never reach kintone (the gateway has no answer to give): a read would be a second
      // read of the app.
      const kintone = new RecordingGateway();
      expect(await refresh(kintone)).toEqual(expected);
      expect(kintone.calls).toEqual([]);
    });
  });

  describe("refreshCandidateIndex reads what changed since the last refresh", () => {
    test("by the form's update-time field, a minute of overlap, 500 records a page in $id order", async () => {
      await built(3_600_000, REFRESH_AFTER_MS);
      const page = (from: number, n: number): KintoneRecordJson[] =>
        Array.from({ length: n }, (_, i) => customer(from + i, `顧客 ${from + i}`));
      const kintone = new RecordingGateway()
        .answer("formFields", FORM)
        .answerOnce("records", page(1, 500))
        .answerOnce("records", page(501, 2));
      expect(await refresh(kintone)).toEqual({ answer: "refreshed", queued: 0 });
      const since = '更新日時 >= "2026-11-24T22:59:00Z"';
      expect(kintone.calls).toEqual([
        { method: "formFields", app: APP, preview: false },
        {
          method: "records",
          app: APP,
          query: `${since} and $id > 0 order by $id asc limit 500`,
          fields: FIELDS,
        },
        {
          method: "records",
          app: APP,
          query: `${since} and $id > 500 order by $id asc limit 500`,
          fields: FIELDS,
        },
      ]);
      expect(await indexed(["顧客"])).toHaveLength(502);
      expect(await t.storage.candidateIndex.state("t1", APP)).toMatchObject({
        buildId: "b1",
        freshSince: NOW.toISOString(),
        refreshedAt: NOW.toISOString(),
      });
    });
  });

  describe("buildCandidateIndex", () => {
    test("reads the whole app from both ends at once (no round trip for its id bounds) and drops what kintone no longer has", async () => {
      await t.storage.candidateIndex.put(
        "t1",
        APP,
        [{ recordId: "2", recordNumber: "C-2", name: "削除済み", company: "" }],
        "old",
      );
      const kintone = new RecordingGateway().answer("records", (call) =>
        call.query.includes("desc")
          ? [customer(3, "鈴木 一郎"), customer(1, "佐藤 太郎", "佐藤商事")]
          : [customer(1, "佐藤 太郎", "佐藤商事"), customer(3, "鈴木 一郎")],
      );
      const deps = {
        storage: t.storage,
        now: () => NOW,
        connect: async () => ({ settings, gateway: kintone }),
      };
      await buildCandidateIndex(deps, "t1");
      // A short first page holds the whole app: nothing is left between the two pages to read.
      expect(kintone.calls).toEqual([
        { method: "records", app: APP, query: "$id > 0 order by $id asc limit 500", fields: FIELDS },
        { method: "records", app: APP, query: "order by $id desc limit 500", fields: FIELDS },
      ]);
      expect(await indexed(["佐藤", "鈴木", "削除済み"])).toEqual([
        ["1", "佐藤 太郎"],
        ["3", "鈴木 一郎"],
      ]);
      expect(await t.storage.candidateIndex.state("t1", APP)).toMatchObject({ builtAt: NOW.toISOString() });
    });

    test("a completion of more than a page reads up to the complement's own largest id (no id bound from the run)", async () => {
      const before = new Date("2026-10-01T00:00:00.000Z");
      const complement = updatedBeforeCondition("更新日時", before);
      const full = Array.from({ length: 500 }, (_, i) => customer(i + 1, `古川 ${i + 1}`));
      const kintone = new RecordingGateway()
        .answer("records", (call) => (call.query.includes("$id > 0 ") ? full : [customer(900, "古川 最後")]))
        .answer("maxId", 900);
      const deps = {
        storage: t.storage,
        now: () => NOW,
        connect: async () => ({ settings, gateway: kintone }),
      };
      await buildCandidateIndex(deps, "t1", {
        appId: APP,
        buildId: "run-1",
        before: before.toISOString(),
        updatedField: "更新日時",
        builtAt: NOW.toISOString(),
      });
      expect(kintone.calls).toEqual([
        {
          method: "records",
          app: APP,
          query: `(${complement}) and $id > 0 order by $id asc limit 500`,
          fields: FIELDS,
        },
        { method: "maxId", app: APP, condition: complement },
        {
          method: "records",
          app: APP,
          query: `($id <= 900 and (${complement})) and $id > 500 order by $id asc limit 500`,
          fields: FIELDS,
        },
      ]);
      expect(await indexed(["古川"])).toHaveLength(501);
    });
  });
});
