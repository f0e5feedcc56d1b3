import { describe, expect, test } from "vitest";
import {
  draftFrom,
  emptyDraft,
  mappedLabels,
  pluginConfig,
  settingsBody,
  withoutMissingDefaults,
} from "./draft.ts";

describe("the draft", () => {
  test.each([
    ["a default the form has stays", { company: "会社名" }, { 会社名: {} }, { company: "会社名" }],
    ["a default the form lacks is cleared", { company: "会社名" }, { 取引先: {} }, { company: null }],
    [
      "a default inside a table stays",
      { email: "メールアドレス" },
      { 連絡先: { fields: { メールアドレス: {} } } },
      { email: "メールアドレス" },
    ],
    [
      "a code the administrator chose stays even when missing",
      { company: "取引先名" },
      {},
      { company: "取引先名" },
    ],
    ["unset stays unset", { company: null }, {}, { company: null }],
  ] as const)("%s", (_what, fields, form, expected) => {
    const defaults = { company: "会社名", email: "メールアドレス" };
    expect(withoutMissingDefaults({ ...fields } as Record<string, string | null>, defaults, form)).toEqual(
      expected,
    );
  });

  test("setConfig gets no secret; the backend gets new tokens, or {set: true} to keep stored ones", () => {
    const draft = emptyDraft("14");
    draft.backendUrl = "https://fa.example.com/";
    draft.connectionKey = "the-connection-key";
    draft.customerApp.apiToken = " customer-token ";
    draft.activityApp = { ...draft.activityApp, appId: "15", tokenSet: true };
    const config = pluginConfig(draft);
    expect(config.backendUrl).toBe("https://fa.example.com");
    expect(config.connectionKeySet).toBe("true");
    expect(JSON.stringify(config)).not.toMatch(/the-connection-key|customer-token|apiToken|tokenSet/);
    const body = settingsBody(draft, "https://example.cybozu.com");
    expect(body.kintone.baseUrl).toBe("https://example.cybozu.com");
    expect(body.customerApp.apiToken).toBe("customer-token");
    expect(body.activityApp.apiToken).toEqual({ set: true });
  });

  test("reopening: the plug-in config, refined by what the backend stored; a damaged config opens the defaults", () => {
    const draft = emptyDraft("14");
    draft.activityApp.appId = "15";
    draft.options.syncIntervalHours = 6;
    const config = { ...pluginConfig(draft), backendUrl: "https://fa.example.com", connectionKeySet: "true" };
    const reopened = draftFrom("14", config, {
      customerApp: { appId: "14", apiToken: { set: true }, fields: {} },
      activityApp: { appId: "15", apiToken: { set: true }, customerLink: true, fields: {} },
      userMappings: [{ frontAgentUserId: "u-1", kintoneUserCode: "yamada" }],
    });
    expect(reopened).toMatchObject({
      backendUrl: "https://fa.example.com",
      connectionKeySet: true,
      connectionKey: "",
      customerApp: { tokenSet: true, apiToken: "" },
      activityApp: { appId: "15", tokenSet: true },
      options: { syncIntervalHours: 6 },
      userMappings: [{ frontAgentUserId: "u-1", kintoneUserCode: "yamada" }],
    });
    expect(draftFrom("14", { backendUrl: "x", settings: "{not json" }, null).options.syncIntervalHours).toBe(
      24,
    );
  });

  test("the labels of the mapped fields are kept with the settings, tables' inner fields included", () => {
    const draft = emptyDraft("14");
    draft.customerApp.fields = {
      ...draft.customerApp.fields,
      company: "会社名",
      email: "メール",
      phone: null,
    };
    const labels = mappedLabels(draft, {
      customerApp: {
        会社名: { label: "会社名" },
        連絡先: { label: "連絡先", fields: { メール: { label: "メールアドレス" } } },
      },
      activityApp: null,
    });
    expect(labels).toMatchObject({
      "customerApp.fields.company": "会社名",
      "customerApp.fields.email": "メールアドレス",
    });
    expect(labels).not.toHaveProperty("customerApp.fields.phone");
    const reopened = draftFrom("14", pluginConfig({ ...draft, fieldLabels: labels }) as never, null);
    expect(reopened.fieldLabels).toEqual(labels);
  });
});
