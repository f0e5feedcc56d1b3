/** The API.md example body: a fresh copy per call, so a test can change it freely. */
export function exampleSettingsBody() {
  return {
    kintone: { baseUrl: "https://example.cybozu.com" },
    frontAgent: { baseUrl: "https://front-agent.example.com" },
    customerApp: {
      appId: "14",
      apiToken: "customerToken0123456789",
      fields: {
        name: "顧客名",
        lastName: null,
        firstName: null,
        company: "会社名",
        department: "部署名",
        email: "メールアドレス",
        phone: "電話番号",
        address: "住所",
        recordNumber: "レコード番号",
      },
    },
    activityApp: {
      appId: "15",
      apiToken: "activityToken0123456789",
      customerLink: true,
      fields: {
        customerLookup: "顧客レコード番号",
        company: null,
        name: null,
        owner: "担当者",
        datetime: "対応日時",
        title: "件名",
        body: "議事録",
        link: "FrontAgentリンク",
        eventId: "FrontAgentイベントID",
      },
    },
    options: {
      autoRegister: true,
      initialWindowDays: 60,
      initialMaxRecords: 3000,
      syncIntervalHours: 24,
    },
    userMappings: [{ frontAgentUserId: "u-1", kintoneUserCode: "yamada" }],
  };
}
