import { describe, expect, test } from "vitest";
import type { ActivityFields } from "../schemas/settings-parts.ts";
import { TEMPLATE_ACTIVITY_FIELDS } from "../schemas/template-settings.ts";
import { type ActivityRecordInput, activityBody, activityRecord } from "./activity-record.ts";
import { exampleAssistEvent } from "./event.fixture.ts";
import { type AssistEvent, assistEventSchema } from "./event.ts";

/** The template's activity app, with the company and name fields it leaves out filled in. */
const FIELDS: ActivityFields = { ...TEMPLATE_ACTIVITY_FIELDS, company: "会社名", name: "顧客名" };

const EVENT: AssistEvent = assistEventSchema.parse({
  ...exampleAssistEvent(),
  minutes: { summary: "要約", body: "本文" },
});

const base: ActivityRecordInput = {
  fields: FIELDS,
  lookup: true,
  event: EVENT,
  customer: { recordNumber: "42", name: "佐藤 花子", company: "株式会社サンプル" },
  ownerCode: "yamada",
};

const common = {
  担当者: { value: [{ code: "yamada" }] },
  対応日時: { value: "2026-11-24T09:00:00Z" },
  件名: { value: "定例MTG" },
  議事録: { value: "要約\n\n本文" },
  FrontAgentリンク: { value: "https://front-agent.example.com/minutes/abc" },
  FrontAgentイベントID: { value: "evt-0001" },
};

describe("activityRecord", () => {
  test.each<[string, Partial<ActivityRecordInput>, Record<string, { value: unknown }>]>([
    [
      "E2 link on: lookup key = record number, company/name not written",
      {},
      { 顧客レコード番号: { value: "42" }, ...common },
    ],
    [
      "E2 link off: company and name text, no lookup",
      { lookup: false },
      { 会社名: { value: "株式会社サンプル" }, 顧客名: { value: "佐藤 花子" }, ...common },
    ],
    [
      "E2 link off: the record number is not needed",
      { lookup: false, customer: { recordNumber: null, name: "佐藤 花子", company: "" } },
      { 会社名: { value: "" }, 顧客名: { value: "佐藤 花子" }, ...common },
    ],
    [
      "E4 owner unmapped: an empty user list",
      { ownerCode: null },
      { 顧客レコード番号: { value: "42" }, ...common, 担当者: { value: [] } },
    ],
    [
      "unmapped fields are left out",
      { fields: { ...FIELDS, owner: null, link: null, eventId: null, title: null } },
      {
        顧客レコード番号: { value: "42" },
        対応日時: { value: "2026-11-24T09:00:00Z" },
        議事録: { value: "要約\n\n本文" },
      },
    ],
    [
      "link off with company/name unmapped writes no customer field",
      { lookup: false, fields: { ...FIELDS, company: null, name: null } },
      common,
    ],
    [
      "empty summary: just the body",
      { event: { ...EVENT, minutes: { summary: "", body: "本文" } } },
      { 顧客レコード番号: { value: "42" }, ...common, 議事録: { value: "本文" } },
    ],
    [
      "empty body: just the summary",
      { event: { ...EVENT, minutes: { summary: "要約", body: "" } } },
      { 顧客レコード番号: { value: "42" }, ...common, 議事録: { value: "要約" } },
    ],
    [
      "date-time = meeting start in kintone's form (offset and milliseconds rewritten)",
      { event: { ...EVENT, meeting: { ...EVENT.meeting, startedAt: "2026-11-24T18:00:00.250+09:00" } } },
      { 顧客レコード番号: { value: "42" }, ...common, 対応日時: { value: "2026-11-24T09:00:00Z" } },
    ],
  ])("%s", (_rule, change, expected) => {
    expect(activityRecord({ ...base, ...change })).toEqual(expected);
  });

  test("no CREATOR: the server decides", () => {
    expect(Object.keys(activityRecord(base))).not.toContain("作成者");
  });

  test("link on without a record number is a caller bug, not a record without its customer", () => {
    expect(() =>
      activityRecord({ ...base, customer: { recordNumber: null, name: "佐藤 花子", company: "" } }),
    ).toThrow(TypeError);
  });
});

describe("activityBody", () => {
  test.each([
    ["both: summary, a blank line, body", "要約", "本文", "要約\n\n本文"],
    ["summary empty", "", "本文", "本文"],
    ["summary only white space", " \n", "本文", "本文"],
    ["body empty", "要約", "", "要約"],
    ["both empty", "", "", ""],
    ["line breaks inside are kept", "要約1\n要約2", "  字下げ", "要約1\n要約2\n\n  字下げ"],
  ])("%s", (_rule, summary, body, expected) => {
    expect(activityBody(summary, body)).toBe(expected);
  });
});
