import { beforeEach, describe, expect, test } from "vitest";
import { STORAGE_KINDS, useTempStorage } from "./testing.ts";

describe.each(STORAGE_KINDS)("on %s", (kind) => {
  const t = useTempStorage(kind, ["t1", "t2"]);

  const record = (recordId: string, name: string, company: string) => ({
    recordId,
    recordNumber: `C-${recordId}`,
    name,
    company,
  });
  const AT = "2026-11-24T09:00:00.000Z";

  describe("candidate index", () => {
    beforeEach(async () => {
      await t.storage.candidateIndex.put(
        "t1",
        "14",
        [
          record("1", "山田 太郎", "株式会社サンプル商事"),
          record("2", "佐藤花子", "ｻﾝﾌﾟﾙ物産(株)"),
          record("3", "100%_本舗", "Sample Trading Co., Ltd."),
          record("4", "", "アザー合同会社"),
        ],
        "b1",
      );
      await t.storage.candidateIndex.put("t2", "14", [record("9", "山田 太郎", "サンプル商事")], "b1");
    });

    test.each([
      ["part of a name, spaces ignored", ["田太"], ["1"]],
      ["part of a company, widths and legal forms ignored", ["サンプル"], ["1", "2"]],
      ["Latin case ignored", ["sample trading"], ["3"]],
      ["% and _ are plain characters", ["100%_"], ["3"]],
      ["a lone % matches nothing special", ["%"], ["3"]],
      ["several needles", ["花子", "アザー"], ["2", "4"]],
      ["nothing", ["存在しない"], []],
      ["blank needles ask nothing", ["  "], []],
    ])("search: %s", async (_what, needles, expected) => {
      const rows = await t.storage.candidateIndex.search("t1", "14", needles, 50);
      expect(rows.map((r) => r.recordId).sort()).toEqual(expected);
    });

    test("a finished build drops the records it did not see, only in its own tenant and app", async () => {
      await t.storage.candidateIndex.put(
        "t1",
        "14",
        [record("1", "山田 太郎", "株式会社サンプル商事 改")],
        "b2",
      );
      const removed = await t.storage.candidateIndex.finishBuild("t1", "14", {
        buildId: "b2",
        builtAt: AT,
        freshSince: AT,
        refreshedAt: AT,
      });
      expect(removed).toBe(3);
      expect(await t.storage.candidateIndex.search("t1", "14", ["山田"], 50)).toEqual([
        record("1", "山田 太郎", "株式会社サンプル商事 改"),
      ]);
      expect(await t.storage.candidateIndex.search("t2", "14", ["山田"], 50)).toHaveLength(1);
      expect(await t.storage.candidateIndex.state("t1", "14")).toEqual({
        buildId: "b2",
        builtAt: AT,
        freshSince: AT,
        refreshedAt: AT,
      });
      await t.storage.candidateIndex.refreshed(
        "t1",
        "14",
        "2026-11-24T10:00:00.000Z",
        "2026-11-24T10:00:05.000Z",
      );
      expect(await t.storage.candidateIndex.state("t1", "14")).toMatchObject({
        freshSince: "2026-11-24T10:00:00.000Z",
        refreshedAt: "2026-11-24T10:00:05.000Z",
      });
      expect(await t.storage.candidateIndex.state("t1", "15")).toBeNull();
    });
  });
});
