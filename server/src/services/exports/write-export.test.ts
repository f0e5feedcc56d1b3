import { describe, expect, test } from "vitest";
import type { FieldProperties } from "../../kintone/gateway.ts";
import { assistEvent, templateSettings } from "../testing.ts";
import { type Activity, buildActivity } from "./write-export.ts";

const OWNER = "担当者";
const EVENT_ID = "FrontAgentイベントID";
const CREATOR = "作成者";
const event = assistEvent("evt-A"); // held by FA user u-1
const customer = { recordNumber: "303", customer: { name: "佐藤 太郎", company: "佐藤商事" } };

const mapped = [{ frontAgentUserId: "u-1", kintoneUserCode: "yamada" }];
const form = (f: {
  ownerRequired?: boolean;
  uniqueEventId?: boolean;
  creator?: boolean;
}): FieldProperties => ({
  [OWNER]: { type: "USER_SELECT", code: OWNER, required: f.ownerRequired ?? false },
  [EVENT_ID]: { type: "SINGLE_LINE_TEXT", code: EVENT_ID, unique: f.uniqueEventId ?? false },
  ...(f.creator ? { [CREATOR]: { type: "CREATOR", code: CREATOR } } : {}),
});
const settings = (s: { mappings?: typeof mapped; owner?: boolean; eventId?: boolean }) =>
  templateSettings((body) => {
    body.userMappings = s.mappings ?? [];
    if (s.owner === false) body.activityApp.fields.owner = null;
    if (s.eventId === false) body.activityApp.fields.eventId = null;
  });

describe("buildActivity: the activity record, or why it must wait (SPEC E4)", () => {
  test("the template's field codes are the ones these cases give the form", () => {
    const { fields } = templateSettings().activityApp;
    expect([fields.owner, fields.eventId]).toEqual([OWNER, EVENT_ID]);
  });

  type Expected = "owner_required" | { ownerUnmapped: boolean; uniqueEventId: boolean; creator?: string };
  test.each<[string, Parameters<typeof settings>[0], Parameters<typeof form>[0], Expected]>([
    [
      "a mapped user owns the record and is its 作成者",
      { mappings: mapped },
      { creator: true },
      { ownerUnmapped: false, uniqueEventId: false, creator: "yamada" },
    ],
    [
      "an unmapped user, owner field required: nothing is written yet",
      {},
      { ownerRequired: true },
      "owner_required",
    ],
    [
      "an unmapped user, owner field optional: written with a warning, 作成者 left to kintone",
      {},
      { creator: true },
      { ownerUnmapped: true, uniqueEventId: false },
    ],
    [
      "no owner field mapped: no warning",
      { owner: false },
      { ownerRequired: true },
      { ownerUnmapped: false, uniqueEventId: false },
    ],
    [
      "a unique event-id field guards the add",
      { mappings: mapped },
      { uniqueEventId: true },
      { ownerUnmapped: false, uniqueEventId: true },
    ],
    [
      "no event-id field mapped: nothing guards it",
      { mappings: mapped, eventId: false },
      { uniqueEventId: true },
      { ownerUnmapped: false, uniqueEventId: false },
    ],
  ])("%s", (_case, s, f, expected) => {
    const activity: Activity = buildActivity(settings(s), event, customer, form(f));
    if (expected === "owner_required") {
      expect(activity).toEqual({ kind: "owner_required" });
      return;
    }
    if (activity.kind !== "record") throw new Error(`expected a record, got ${activity.kind}`);
    expect({ ownerUnmapped: activity.ownerUnmapped, uniqueEventId: activity.uniqueEventId }).toEqual({
      ownerUnmapped: expected.ownerUnmapped,
      uniqueEventId: expected.uniqueEventId,
    });
    expect(activity.record[CREATOR]).toEqual(
      expected.creator ? { value: { code: expected.creator } } : undefined,
    );
  });
});
