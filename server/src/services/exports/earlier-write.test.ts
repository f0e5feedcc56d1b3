import { type AssistEvent, templateSettingsBody } from "@front-agent/shared";
import { describe, expect, test } from "vitest";
import type { KintoneGateway, KintoneRecordJson } from "../../kintone/gateway.ts";
import type { Storage } from "../../storage/index.ts";
import type { ResolvedSettings } from "../settings.ts";
import { findEarlierWrite } from "./earlier-write.ts";

// kintone may fold case or width in `=` (undocumented): what it answers is compared again, exactly.
const answering = (records: KintoneRecordJson[]) =>
  ({ records: async () => records }) as unknown as KintoneGateway;
const noOtherExports = {
  exports: { heldByOthers: async () => new Set<string>() },
} as unknown as Storage;
const activity = templateSettingsBody({
  kintoneBaseUrl: "https://example.cybozu.com",
  customerApp: { appId: "1", apiToken: "t1" },
  activityApp: { appId: "2", apiToken: "t2" },
}).activityApp as unknown as ResolvedSettings["activityApp"];
const event = { eventId: "evt-A" } as AssistEvent;

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
    const records = (held as string[][]).map(([id, value]) => ({
      $id: { value: id },
      [activity.fields.eventId ?? ""]: { value },
    }));
    const found = await findEarlierWrite(
      { storage: noOtherExports, gateway: answering(records) },
      "tenant",
      "export",
      activity,
      event,
      {},
    );
    expect(found).toBe(expected);
  });
});
