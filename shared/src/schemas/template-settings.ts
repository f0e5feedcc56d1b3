/**
 * The field codes of Front Agent's template apps, 顧客管理(Front Agent) and 活動履歴(Front Agent) (the seed
 * manual and API.md's example): what an administrator who created the apps from the template maps, and
 * what the screen can pre-select. One place, so the tests, the demo and the benchmarks agree.
 */
export const TEMPLATE_CUSTOMER_FIELDS = {
  name: "顧客名",
  lastName: null,
  firstName: null,
  company: "会社名",
  department: "部署名",
  email: "メールアドレス",
  phone: "電話番号",
  address: "住所",
  recordNumber: "レコード番号",
} as const;

export const TEMPLATE_ACTIVITY_FIELDS = {
  customerLookup: "顧客レコード番号",
  company: null,
  name: null,
  owner: "担当者",
  datetime: "対応日時",
  title: "件名",
  body: "議事録",
  link: "FrontAgentリンク",
  eventId: "FrontAgentイベントID",
} as const;

export interface TemplateApps {
  kintoneBaseUrl: string;
  frontAgentBaseUrl?: string;
  customerApp: { appId: string; apiToken: string };
  activityApp: { appId: string; apiToken: string };
}

/** A Settings body (PUT /v1/kintone/settings) for the template apps; a fresh copy per call. */
export function templateSettingsBody(apps: TemplateApps) {
  return {
    kintone: { baseUrl: apps.kintoneBaseUrl },
    frontAgent: { baseUrl: apps.frontAgentBaseUrl ?? "https://front-agent.example.com" },
    customerApp: {
      ...apps.customerApp,
      fields: { ...TEMPLATE_CUSTOMER_FIELDS } as Record<string, string | null>,
    },
    activityApp: {
      ...apps.activityApp,
      customerLink: true,
      fields: { ...TEMPLATE_ACTIVITY_FIELDS } as Record<string, string | null>,
    },
    options: {
      autoRegister: true,
      initialWindowDays: 60,
      initialMaxRecords: 3000,
      syncIntervalHours: 24,
      fullSyncIntervalDays: 7,
    },
    userMappings: [] as Array<{ frontAgentUserId: string; kintoneUserCode: string }>,
  };
}
