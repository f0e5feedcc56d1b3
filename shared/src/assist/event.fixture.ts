/** The API.md example assist event: a fresh copy per call, so a test can change it freely. */
export function exampleAssistEvent() {
  return {
    eventId: "evt-0001",
    occurredAt: "2026-11-24T09:30:00Z",
    user: { id: "u-1", name: "山田 太郎", email: "yamada@example.co.jp" },
    customer: { id: null, name: "佐藤 花子", company: "株式会社サンプル" },
    meeting: {
      title: "定例MTG",
      startedAt: "2026-11-24T09:00:00Z",
      endedAt: "2026-11-24T09:30:00Z",
      url: "https://front-agent.example.com/minutes/abc",
    },
    minutes: { summary: "…", body: "…" },
  };
}
