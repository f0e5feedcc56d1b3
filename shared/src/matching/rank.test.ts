import { describe, expect, test } from "vitest";
import { type RankCandidate, type RankQuery, rankCandidates } from "./rank.ts";

const rec = (recordId: string, name: string, company: string): RankCandidate => ({
  recordId,
  recordNumber: `C-${recordId}`,
  name,
  company,
});

const ranked = (query: RankQuery, candidates: RankCandidate[], limit?: number) =>
  rankCandidates(query, candidates, limit).map((c) => [c.recordId, c.score]);

describe("rankCandidates (SPEC L1)", () => {
  test.each<[string, RankQuery, RankCandidate[], Array<[string, number]>]>([
    [
      "exact beats partial",
      { name: "佐藤 花子", company: "株式会社サンプル" },
      [rec("1", "佐藤", "サンプル"), rec("2", "佐藤 花子", "サンプル")],
      [
        ["2", 1],
        ["1", 0.64],
      ],
    ],
    [
      "suffix variants rank equal (ties newest first)",
      { name: "佐藤 花子", company: "サンプル" },
      [
        rec("7", "佐藤花子", "株式会社サンプル"),
        rec("9", "佐藤 花子", "㈱サンプル"),
        rec("8", "佐藤 花子", "サンプル株式会社"),
      ],
      [
        ["9", 1],
        ["8", 1],
        ["7", 1],
      ],
    ],
    [
      "full-width and half-width are equal",
      { name: "ｻﾄｳ", company: "ＳＡＭＰＬＥ Inc." },
      [rec("1", "サトウ", "sample")],
      [["1", 1]],
    ],
    [
      "0.9: only punctuation differs",
      { name: "佐藤", company: "サンプル・テック" },
      [rec("1", "佐藤", "サンプルテック")],
      [["1", 0.9]],
    ],
    [
      "partial: a longer company name contains the query",
      { name: "", company: "サンプル" },
      [rec("1", "", "サンプル商事"), rec("2", "", "無関係")],
      [["1", 0.6]],
    ],
    [
      "a company-only query: the company's record first, then its people",
      { name: "", company: "(株)サンプル" },
      [rec("3", "山田", "サンプル"), rec("2", "", "サンプル株式会社"), rec("4", "鈴木", "サンプル")],
      [
        ["2", 1],
        ["4", 0.8],
        ["3", 0.8],
      ],
    ],
    [
      "a name-only query: the person at any company",
      { name: "佐藤 花子", company: "" },
      [rec("1", "佐藤花子", "サンプル"), rec("2", "佐藤 次郎", "サンプル"), rec("3", "佐藤 花子", "")],
      [
        ["3", 1],
        ["1", 0.8],
      ],
    ],
    [
      "partial on the name inside an exact company",
      { name: "佐藤", company: "サンプル" },
      [rec("1", "佐藤 花子", "サンプル"), rec("2", "鈴木", "サンプル")],
      [
        ["1", 0.64],
        ["2", 0.48],
      ],
    ],
    [
      "longer record ids are newer",
      { name: "", company: "サンプル" },
      [rec("9", "a", "サンプル"), rec("10", "b", "サンプル")],
      [
        ["10", 0.8],
        ["9", 0.8],
      ],
    ],
    ["no candidates: empty", { name: "佐藤", company: "サンプル" }, [], []],
    ["an empty query: empty", { name: " ", company: "　" }, [rec("1", "", "サンプル")], []],
    ["nothing in common: left out", { name: "佐藤", company: "サンプル" }, [rec("1", "鈴木", "無関係")], []],
    [
      "the same record fetched twice is listed once",
      { name: "", company: "サンプル" },
      [rec("1", "", "サンプル"), rec("1", "", "サンプル")],
      [["1", 1]],
    ],
  ])("%s", (_rule, query, candidates, expected) => {
    expect(ranked(query, candidates)).toEqual(expected);
  });

  test("limit keeps the best", () => {
    const many = Array.from({ length: 30 }, (_, i) => rec(String(i + 1), "", "サンプル"));
    expect(ranked({ name: "", company: "サンプル" }, many)).toHaveLength(20);
    expect(ranked({ name: "", company: "サンプル" }, many, 2)).toEqual([
      ["30", 1],
      ["29", 1],
    ]);
  });

  test("the candidate's own fields are kept", () => {
    expect(rankCandidates({ name: "", company: "サンプル" }, [rec("5", "", "サンプル")])).toEqual([
      { recordId: "5", recordNumber: "C-5", name: "", company: "サンプル", score: 1 },
    ]);
  });
});
