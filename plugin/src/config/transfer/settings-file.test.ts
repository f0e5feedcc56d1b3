import { describe, expect, test } from "vitest";
import { configuredDraft } from "../../../test/config/drafts.ts";
import { emptyDraft } from "../draft.ts";
import { draftFromFile, resetDraft, SETTINGS_FILE_FORMAT, settingsFile } from "./settings-file.ts";

const NOW = new Date("2026-11-24T09:30:00Z");

describe("settingsFile", () => {
  test("holds every non-secret setting and no secret", () => {
    const text = settingsFile(configuredDraft(), NOW);
    for (const secret of ["SECRET", "apiToken", "connectionKey", "tokenSet"])
      expect(text).not.toContain(secret);
    expect(JSON.parse(text)).toEqual({
      format: SETTINGS_FILE_FORMAT,
      version: 1,
      exportedAt: "2026-11-24T09:30:00.000Z",
      backendUrl: "https://fa.example.com",
      settings: {
        frontAgent: { baseUrl: "https://front-agent.example.com" },
        customerApp: { appId: "14", fields: configuredDraft().customerApp.fields },
        activityApp: { appId: "15", customerLink: false, fields: configuredDraft().activityApp.fields },
        options: configuredDraft().options,
        userMappings: [{ frontAgentUserId: "u-1", kintoneUserCode: "yamada" }],
      },
    });
  });
});

describe("draftFromFile", () => {
  test("a file read into another app's draft: its settings, this app's customer app, tokens and backend", () => {
    const other = emptyDraft("30");
    other.backendUrl = "https://other-backend.example.com";
    other.connectionKey = "ck_typed_here";
    other.customerApp.tokenSet = true;
    const reading = draftFromFile(other, settingsFile(configuredDraft(), NOW));
    if (!reading.ok) throw new Error(JSON.stringify(reading));
    const expected = configuredDraft();
    expect(reading.draft).toEqual({
      ...expected,
      backendUrl: "https://other-backend.example.com",
      connectionKey: "ck_typed_here",
      customerApp: { ...expected.customerApp, appId: "30", apiToken: "", tokenSet: true },
      activityApp: { ...expected.activityApp, apiToken: "", tokenSet: false },
    });
  });

  test("the file's backend URL is taken only when none is set", () => {
    const reading = draftFromFile(emptyDraft("14"), settingsFile(configuredDraft(), NOW));
    expect(reading.ok && reading.draft.backendUrl).toBe("https://fa.example.com");
  });

  test("a settings body without the envelope (API.md's example) is read; its tokens are ignored", () => {
    const body = {
      kintone: { baseUrl: "https://example.cybozu.com" },
      customerApp: { appId: "99", apiToken: "SECRET", fields: { name: "顧客名", company: "会社名" } },
      activityApp: { appId: 15, apiToken: "SECRET", customerLink: true, fields: { owner: "担当者" } },
      userMappings: [{ frontAgentUserId: " u-1 ", kintoneUserCode: "yamada" }],
    };
    const reading = draftFromFile(emptyDraft("14"), JSON.stringify(body));
    if (!reading.ok) throw new Error(JSON.stringify(reading));
    expect(reading.draft.customerApp).toMatchObject({ appId: "14", apiToken: "", tokenSet: false });
    expect(reading.draft.activityApp).toMatchObject({ appId: "15", apiToken: "", customerLink: true });
    expect(reading.draft.userMappings).toEqual([{ frontAgentUserId: "u-1", kintoneUserCode: "yamada" }]);
    expect(JSON.stringify(reading.draft)).not.toContain("SECRET");
  });

  const envelope = (settings: unknown, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ format: SETTINGS_FILE_FORMAT, version: 1, settings, ...extra });

  test.each([
    ["not JSON", "{ settings: ", { ok: false, error: "json" }],
    ["an array", "[]", { ok: false, error: "shape", path: "(root)" }],
    [
      "another format",
      JSON.stringify({ format: "something-else", settings: {} }),
      { ok: false, error: "shape", path: "format" },
    ],
    ["a newer version", envelope({}, { version: 2 }), { ok: false, error: "shape", path: "version" }],
    [
      "a JSON file of something else",
      JSON.stringify({ name: "package" }),
      { ok: false, error: "shape", path: "customerApp" },
    ],
    [
      "a field code that is a number",
      envelope({ customerApp: { fields: { name: 5 } } }),
      { ok: false, error: "shape", path: "customerApp.fields.name" },
    ],
    [
      "customerLink not a boolean",
      envelope({ activityApp: { appId: "15", customerLink: "yes" } }),
      { ok: false, error: "shape", path: "activityApp.customerLink" },
    ],
    [
      "an app id that is not a number",
      envelope({ activityApp: { appId: "abc" } }),
      { ok: false, error: "shape", path: "activityApp.appId" },
    ],
    [
      "a window of 0 days",
      envelope({ options: { initialWindowDays: 0 } }),
      { ok: false, error: "shape", path: "options.initialWindowDays" },
    ],
    [
      "a cap as text",
      envelope({ options: { initialMaxRecords: "3000" } }),
      { ok: false, error: "shape", path: "options.initialMaxRecords" },
    ],
    [
      "an interval over a week",
      envelope({ options: { syncIntervalHours: 169 } }),
      { ok: false, error: "shape", path: "options.syncIntervalHours" },
    ],
    [
      "autoRegister as text",
      envelope({ options: { autoRegister: "true" } }),
      { ok: false, error: "shape", path: "options.autoRegister" },
    ],
    [
      "user mappings not a list",
      envelope({ userMappings: {} }),
      { ok: false, error: "shape", path: "userMappings" },
    ],
    [
      "a mapping without a kintone user",
      envelope({ userMappings: [{ frontAgentUserId: "u-1", kintoneUserCode: " " }] }),
      { ok: false, error: "shape", path: "userMappings[0].kintoneUserCode" },
    ],
    [
      "a backend URL that is not text",
      envelope({}, { backendUrl: 1 }),
      { ok: false, error: "shape", path: "backendUrl" },
    ],
  ])("refused: %s", (_rule, text, expected) => {
    expect(draftFromFile(configuredDraft(), text)).toEqual(expected);
  });
});

describe("resetDraft", () => {
  test("the defaults for what the integration does; the connection and the tokens stay", () => {
    const before = configuredDraft();
    const expected = emptyDraft("14");
    expect(resetDraft(before)).toEqual({
      ...expected,
      backendUrl: before.backendUrl,
      connectionKey: before.connectionKey,
      frontAgentBaseUrl: before.frontAgentBaseUrl,
      customerApp: { ...expected.customerApp, apiToken: "TOKEN_CUSTOMER_SECRET", tokenSet: true },
      activityApp: { ...expected.activityApp, apiToken: "TOKEN_ACTIVITY_SECRET", tokenSet: true },
    });
  });
});
