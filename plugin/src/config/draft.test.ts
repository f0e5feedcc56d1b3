import { describe, expect, test } from "vitest";
import {
  draftFrom,
  emptyDraft,
  mappedLabels,
  pluginConfig,
  settingsBody,
  withoutMissingDefaults,
  withStored,
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
    expect(Object.keys(config).sort()).toEqual(["backendUrl", "settings"]);
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
    // connectionKeySet: what versions before issue 12 #3 kept; the key is typed on each visit now.
    const config = { ...pluginConfig(draft), backendUrl: "https://fa.example.com", connectionKeySet: "true" };
    const reopened = draftFrom("14", config, {
      customerApp: { appId: "14", apiToken: { set: true }, fields: {} },
      activityApp: { appId: "15", apiToken: { set: true }, customerLink: true, fields: {} },
      userMappings: [{ frontAgentUserId: "u-1", kintoneUserCode: "yamada" }],
    });
    expect(reopened).toMatchObject({
      backendUrl: "https://fa.example.com",
      connectionKey: "",
      customerApp: { tokenSet: true, apiToken: "" },
      activityApp: { appId: "15", tokenSet: true },
      options: { syncIntervalHours: 6 },
      userMappings: [{ frontAgentUserId: "u-1", kintoneUserCode: "yamada" }],
    });
    expect(reopened).not.toHaveProperty("connectionKeySet");
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

  describe("withStored: the backend's settings arrive once the key is typed", () => {
    /** As the screen opened from the plug-in config: no token known, sync every 24 hours. */
    const opened = () => {
      const draft = emptyDraft("14");
      draft.backendUrl = "https://fa.example.com";
      draft.activityApp.appId = "15";
      return draft;
    };
    /** What the backend holds: both tokens, sync every 6 hours, one user mapped. */
    const stored = () => {
      const draft = opened();
      draft.customerApp.tokenSet = true;
      draft.activityApp.tokenSet = true;
      draft.options.syncIntervalHours = 6;
      draft.userMappings = [{ frontAgentUserId: "u-1", kintoneUserCode: "yamada" }];
      return draft;
    };

    test("an untouched draft takes every stored part; the typed key stays", () => {
      const current = opened();
      current.connectionKey = "fa_ck_typed";
      expect(withStored(current, opened(), stored())).toEqual({ ...stored(), connectionKey: "fa_ck_typed" });
    });

    test("a part changed before the key was typed stays as changed; tokens typed stay, tokenSet is the backend's", () => {
      const current = opened();
      current.options.syncIntervalHours = 12;
      current.customerApp.apiToken = "new-token";
      current.activityApp.fields.title = "表題";
      const next = withStored(current, opened(), stored());
      expect(next.options.syncIntervalHours).toBe(12);
      expect(next.userMappings).toEqual(stored().userMappings);
      expect(next.customerApp).toMatchObject({ apiToken: "new-token", tokenSet: true });
      expect(next.activityApp).toMatchObject({ tokenSet: true, fields: { title: "表題" } });
    });
  });
});
