import { describe, expect, test } from "vitest";
import { exampleSettingsBody } from "./settings.fixture.ts";
import { maskSettings, type Settings, settingsSchema, storedSettingsSchema } from "./settings.ts";

/** Dotted path → new value (`undefined` deletes the key), applied to a fresh API.md example. */
type Changes = Record<string, unknown>;

function bodyWith(changes: Changes): Record<string, unknown> {
  const body: Record<string, unknown> = exampleSettingsBody();
  for (const [path, value] of Object.entries(changes)) {
    const keys = path.split(".");
    const last = keys.pop() as string;
    let node = body;
    for (const key of keys) node = node[key] as Record<string, unknown>;
    if (value === undefined) delete node[last];
    else node[last] = value;
  }
  return body;
}

function issuesOf(changes: Changes) {
  return (settingsSchema.safeParse(bodyWith(changes)).error?.issues ?? []).map((issue) => ({
    path: issue.path.join("."),
    messageCode: (issue as { params?: { messageCode?: string } }).params?.messageCode,
  }));
}

describe("settingsSchema: accepted bodies", () => {
  test("the API.md example parses unchanged", () => {
    expect(settingsSchema.parse(exampleSettingsBody()).customerApp.fields.name).toBe("顧客名");
  });

  const defaults = {
    autoRegister: true,
    initialWindowDays: 60,
    initialMaxRecords: 3000,
    syncIntervalHours: 24,
    fullSyncIntervalDays: 7,
  };
  test.each<[string, Changes, (s: Settings) => unknown, unknown]>([
    ["numeric appId becomes a string", { "customerApp.appId": 14 }, (s) => s.customerApp.appId, "14"],
    ["S9: options absent → defaults", { options: undefined }, (s) => s.options, defaults],
    [
      "S9: one option given, the rest default",
      { options: { initialMaxRecords: 50000 } },
      (s) => s.options,
      { ...defaults, initialMaxRecords: 50000 },
    ],
    ["userMappings absent → []", { userMappings: undefined }, (s) => s.userMappings, []],
    [
      "an absent optional mapping is null",
      { "customerApp.fields.address": undefined },
      (s) => s.customerApp.fields.address,
      null,
    ],
    [
      "{set: true} keeps the stored token",
      { "customerApp.apiToken": { set: true } },
      (s) => s.customerApp.apiToken,
      { set: true },
    ],
    [
      "a pasted app address is cut to the kintone origin",
      { "kintone.baseUrl": "https://example.cybozu.com/k/14/" },
      (s) => s.kintone.baseUrl,
      "https://example.cybozu.com",
    ],
    [
      "Front Agent's trailing slash is dropped, its path kept",
      { "frontAgent.baseUrl": "https://fa.example.com/app/" },
      (s) => s.frontAgent.baseUrl,
      "https://fa.example.com/app",
    ],
    [
      "name from 姓 + 名 instead of one field",
      {
        "customerApp.fields.name": null,
        "customerApp.fields.lastName": "姓",
        "customerApp.fields.firstName": "名",
      },
      (s) => s.customerApp.fields.lastName,
      "姓",
    ],
    [
      "lookup off: company and name text fields",
      {
        "activityApp.customerLink": false,
        "activityApp.fields.customerLookup": null,
        "activityApp.fields.company": "会社名",
        "activityApp.fields.name": "顧客名",
      },
      (s) => s.activityApp.customerLink,
      false,
    ],
    [
      "field codes are trimmed",
      { "customerApp.fields.company": " 会社名 " },
      (s) => s.customerApp.fields.company,
      "会社名",
    ],
  ])("%s", (_rule, changes, pick, expected) => {
    const result = settingsSchema.safeParse(bodyWith(changes));
    expect(result.error?.issues).toBeUndefined();
    expect(pick(result.data as Settings)).toEqual(expected);
  });
});

describe("settingsSchema: cross-field rules", () => {
  const issue = (path: string, messageCode: string) => ({ path, messageCode });
  test.each<[string, Changes, ReturnType<typeof issue>[]]>([
    [
      "customer name required",
      { "customerApp.fields.name": null },
      [issue("customerApp.fields.name", "SETTINGS_NAME_REQUIRED")],
    ],
    [
      "姓 without 名 is not enough",
      { "customerApp.fields.name": null, "customerApp.fields.lastName": "姓" },
      [issue("customerApp.fields.firstName", "SETTINGS_NAME_REQUIRED")],
    ],
    [
      "customer company required",
      { "customerApp.fields.company": null },
      [issue("customerApp.fields.company", "SETTINGS_FIELD_REQUIRED")],
    ],
    [
      "record number required",
      { "customerApp.fields.recordNumber": null },
      [issue("customerApp.fields.recordNumber", "SETTINGS_FIELD_REQUIRED")],
    ],
    [
      "lookup on: customerLookup required",
      { "activityApp.fields.customerLookup": null },
      [issue("activityApp.fields.customerLookup", "SETTINGS_FIELD_REQUIRED")],
    ],
    [
      "lookup off: company and name required",
      { "activityApp.customerLink": false },
      [
        issue("activityApp.fields.company", "SETTINGS_FIELD_REQUIRED"),
        issue("activityApp.fields.name", "SETTINGS_FIELD_REQUIRED"),
      ],
    ],
    [
      "the same code twice in one app marks both rows",
      { "customerApp.fields.email": "電話番号" },
      [
        issue("customerApp.fields.email", "SETTINGS_FIELD_MAPPED_TWICE"),
        issue("customerApp.fields.phone", "SETTINGS_FIELD_MAPPED_TWICE"),
      ],
    ],
    ["the same code in two apps is fine", { "activityApp.fields.title": "会社名" }, []],
    [
      "customer and activity app must differ",
      { "activityApp.appId": 14 },
      [issue("activityApp.appId", "SETTINGS_SAME_APP")],
    ],
    [
      "a Front Agent user mapped twice",
      {
        userMappings: [
          { frontAgentUserId: "u-1", kintoneUserCode: "yamada" },
          { frontAgentUserId: "u-1", kintoneUserCode: "sato" },
        ],
      },
      [issue("userMappings.1.frontAgentUserId", "SETTINGS_USER_MAPPED_TWICE")],
    ],
    [
      "a field code that would break a query",
      { "customerApp.fields.company": "会社 名" },
      [issue("customerApp.fields.company", "SETTINGS_FIELD_CODE_INVALID")],
    ],
  ])("%s", (_rule, changes, expected) => {
    expect(issuesOf(changes)).toEqual(expected);
  });
});

describe("settingsSchema: field validation", () => {
  test.each<[string, Changes, string]>([
    ["appId 0", { "customerApp.appId": 0 }, "customerApp.appId"],
    ["appId not a number", { "customerApp.appId": "abc" }, "customerApp.appId"],
    ["empty token", { "customerApp.apiToken": "  " }, "customerApp.apiToken"],
    [
      "token with a comma (would split the header)",
      { "activityApp.apiToken": "a,b" },
      "activityApp.apiToken",
    ],
    ["{set: false} is not a token", { "customerApp.apiToken": { set: false } }, "customerApp.apiToken"],
    ["kintone URL not http(s)", { "kintone.baseUrl": "ftp://example.cybozu.com" }, "kintone.baseUrl"],
    [
      "kintone URL with credentials",
      { "kintone.baseUrl": "https://user:pw@example.cybozu.com" },
      "kintone.baseUrl",
    ],
    [
      "Front Agent URL with a query",
      { "frontAgent.baseUrl": "https://fa.example.com/?a=1" },
      "frontAgent.baseUrl",
    ],
    ["window over 3650 days", { options: { initialWindowDays: 3651 } }, "options.initialWindowDays"],
    ["window 0 days", { options: { initialWindowDays: 0 } }, "options.initialWindowDays"],
    ["cap over 1,000,000", { options: { initialMaxRecords: 1_000_001 } }, "options.initialMaxRecords"],
    ["interval over a week", { options: { syncIntervalHours: 169 } }, "options.syncIntervalHours"],
    ["fractional interval", { options: { syncIntervalHours: 1.5 } }, "options.syncIntervalHours"],
    ["full sync over 90 days", { options: { fullSyncIntervalDays: 91 } }, "options.fullSyncIntervalDays"],
    [
      "negative full sync interval",
      { options: { fullSyncIntervalDays: -1 } },
      "options.fullSyncIntervalDays",
    ],
    [
      "empty kintone user code",
      { userMappings: [{ frontAgentUserId: "u-1", kintoneUserCode: " " }] },
      "userMappings.0.kintoneUserCode",
    ],
    ["customerLink missing", { "activityApp.customerLink": undefined }, "activityApp.customerLink"],
  ])("rejects %s", (_rule, changes, path) => {
    expect(issuesOf(changes).map((found) => found.path)).toContain(path);
  });
});

describe("maskSettings", () => {
  test("both tokens become {set: true}, nothing else changes", () => {
    const settings = settingsSchema.parse(exampleSettingsBody());
    const masked = maskSettings(settings);
    expect(masked.customerApp.apiToken).toEqual({ set: true });
    expect(masked.activityApp.apiToken).toEqual({ set: true });
    expect(JSON.stringify(masked)).not.toContain("Token0123456789");
    expect({ ...masked, customerApp: settings.customerApp, activityApp: settings.activityApp }).toEqual(
      settings,
    );
    expect(storedSettingsSchema.parse(masked)).toEqual(masked);
  });

  test("the stored schema refuses a real token", () => {
    expect(storedSettingsSchema.safeParse(settingsSchema.parse(exampleSettingsBody())).success).toBe(false);
  });
});
