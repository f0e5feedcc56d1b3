import { type Draft, emptyDraft } from "../../src/config/draft.ts";

/** A draft as an administrator leaves it: secrets typed and stored, everything else changed from the defaults. */
export function configuredDraft(): Draft {
  const draft = emptyDraft("14");
  draft.backendUrl = "https://fa.example.com";
  draft.connectionKey = "ck_live_SECRET";
  draft.frontAgentBaseUrl = "https://front-agent.example.com";
  draft.customerApp.apiToken = "TOKEN_CUSTOMER_SECRET";
  draft.customerApp.tokenSet = true;
  draft.customerApp.fields.department = null;
  draft.activityApp.appId = "15";
  draft.activityApp.apiToken = "TOKEN_ACTIVITY_SECRET";
  draft.activityApp.tokenSet = true;
  draft.activityApp.customerLink = false;
  draft.activityApp.fields = {
    ...draft.activityApp.fields,
    customerLookup: null,
    company: "会社",
    name: "氏名",
  };
  draft.options = {
    autoRegister: false,
    initialWindowDays: 90,
    initialMaxRecords: 10_000,
    syncIntervalHours: 6,
    fullSyncIntervalDays: 14,
  };
  draft.userMappings = [{ frontAgentUserId: "u-1", kintoneUserCode: "yamada" }];
  return draft;
}
