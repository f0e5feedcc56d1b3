import { describe, expect, test } from "vitest";
import type { KintoneRecordJson } from "../../kintone/gateway.ts";
import { RecordingGateway, recordJson } from "../../kintone/testing.ts";
import { forEachDatabase, T0, type TempStorage, useTempStorage } from "../../storage/testing.ts";
import { assistEvent, TEMPLATE_APPS, templateSettings } from "../testing.ts";
import { findEarlierWrite } from "./earlier-write.ts";

const withEventId = templateSettings().activityApp;
const withoutEventId = templateSettings((body) => {
  body.activityApp.fields.eventId = null;
}).activityApp;
const EVENT_ID = withEventId.fields.eventId ?? "";
const event = assistEvent("evt-A");

// What this export writes that kintone can compare (the template links the customer by lookup, so the
// company and name are not among them).
const URL = "https://fa.example.com/m/1";
const written = {
  件名: { value: "商談" },
  議事録: { value: "本文\n二行目" },
  FrontAgentリンク: { value: URL },
};
const same = { 件名: "商談", 議事録: "本文\r\n二行目", FrontAgentリンク: URL };

function finder(t: TempStorage) {
  return (activity: typeof withEventId, records: KintoneRecordJson[]) => {
    const kintone = new RecordingGateway().answer("records", records);
    const found = findEarlierWrite(
      { storage: t.storage, gateway: kintone },
      "t1",
      "export-1",
      activity,
      event,
      written,
    );
    return { kintone, found };
  };
}

// Storage is asked only which records other exports hold: the cases that turn on kintone's answers run on
// SQLite alone, that question on both databases.
describe("kintone's answers (on sqlite)", () => {
  const find = finder(useTempStorage("sqlite", ["t1"]));

  // kintone may fold case or width in `=` (undocumented): what it answers is compared again, exactly.
  describe("findEarlierWrite with an event-id field", () => {
    test.each([
      ["the record holding the event id exactly", [["7", "evt-A"]], "7"],
      ["another case is another event", [["7", "evt-a"]], null],
      ["full-width is another event", [["7", "ｅｖｔ-A"]], null],
      [
        "the exact one among folded ones",
        [
          ["7", "evt-a"],
          ["9", "evt-A"],
        ],
        "9",
      ],
      ["none", [], null],
    ])("%s", async (_rule, held, expected) => {
      const records = held.map(([id, value]) => recordJson(id ?? "", { [EVENT_ID]: value }));
      const { kintone, found } = find(withEventId, records);
      expect(await found).toBe(expected);
      // Only the event id is asked for: nothing else of the record is needed to know it.
      expect(kintone.calls).toEqual([
        {
          method: "records",
          app: TEMPLATE_APPS.activity,
          query: `${EVENT_ID} = "evt-A" order by $id asc limit 100`,
          fields: ["$id", EVENT_ID],
        },
      ]);
    });
  });

  describe("findEarlierWrite without an event-id field", () => {
    test.each([
      ["a record holding all it writes (kintone's CRLF line ends)", [["7", same]], "7"],
      // Two events with one meeting URL: the other event's minutes differ.
      ["another event's record with the same link and title", [["7", { ...same, 議事録: "別の本文" }]], null],
      [
        "the first of several",
        [
          ["7", same],
          ["9", same],
        ],
        "7",
      ],
    ] as const)("%s", async (_rule, held, expected) => {
      const records = held.map(([id, values]) => recordJson(id, values, { 議事録: "MULTI_LINE_TEXT" }));
      const { kintone, found } = find(withoutEventId, records);
      expect(await found).toBe(expected);
      // kintone is asked by link and title, and for every text the export wrote, to compare them here.
      expect(kintone.calls).toEqual([
        {
          method: "records",
          app: TEMPLATE_APPS.activity,
          query: `FrontAgentリンク = "${URL}" and 件名 = "商談" order by $id asc limit 100`,
          fields: ["$id", "件名", "議事録", "FrontAgentリンク"],
        },
      ]);
    });
  });
});

forEachDatabase((database) => {
  const t = useTempStorage(database, ["t1"]);
  const find = finder(t);

  describe("findEarlierWrite without an event-id field", () => {
    test("a record another export wrote is never taken for this one's", async () => {
      await t.storage.exports.createOrGet({
        id: "export-0",
        tenantId: "t1",
        eventId: "evt-0",
        event: assistEvent("evt-0"),
        createdAt: T0,
      });
      await t.storage.exports.update("t1", "export-0", { status: "written", kintoneRecordId: "7", at: T0 });
      const { found } = find(withoutEventId, [recordJson(7, same), recordJson(9, same)]);
      expect(await found).toBe("9");
      const { found: none } = find(withoutEventId, [recordJson(7, same)]);
      expect(await none).toBeNull();
    });
  });
});
