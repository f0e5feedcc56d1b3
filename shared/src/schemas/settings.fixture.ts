import { templateSettingsBody } from "./template-settings.ts";

/** The API.md example body: a fresh copy per call, so a test can change it freely. */
export function exampleSettingsBody() {
  return {
    ...templateSettingsBody({
      kintoneBaseUrl: "https://example.cybozu.com",
      customerApp: { appId: "14", apiToken: "customerToken0123456789" },
      activityApp: { appId: "15", apiToken: "activityToken0123456789" },
    }),
    userMappings: [{ frontAgentUserId: "u-1", kintoneUserCode: "yamada" }],
  };
}
