import { signAssistBody } from "@front-agent/shared";
import { eventually, type Harness } from "./harness.ts";

/** Front Agent's side of the contract in tests: signed assist events, and the exports they became. */
export function assistClient(h: Harness) {
  let seq = 0;
  return {
    event(change: Record<string, unknown> = {}) {
      seq++;
      return {
        eventId: `evt-m-${seq}`,
        occurredAt: "2026-11-24T09:30:00Z",
        user: { id: "u-1", name: "山田 太郎", email: "yamada@example.co.jp" },
        customer: { id: null, name: "佐藤 太郎", company: "" },
        meeting: {
          title: `商談 ${seq}`,
          startedAt: "2026-11-24T09:00:00Z",
          endedAt: "2026-11-24T09:30:00Z",
          url: `https://front-agent.example.com/minutes/m-${seq}`,
        },
        minutes: { summary: `要約 ${seq}`, body: `本文 ${seq}` },
        ...change,
      };
    },

    async send(event: unknown): Promise<{ status: number; body: { exportId: string; status: string } }> {
      const raw = JSON.stringify(event);
      const res = await fetch(`${h.server.url}/v1/events/assist`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${h.tenant.serviceToken}`,
          "content-type": "application/json",
          "x-fa-signature": signAssistBody(h.tenant.webhookSecret, raw, Math.floor(Date.now() / 1000)),
        },
        body: raw,
      });
      return { status: res.status, body: (await res.json()) as { exportId: string; status: string } };
    },

    /** The export once it is no longer queued. */
    settled(exportId: string) {
      return eventually(
        async () => {
          const res = await h.api("GET", `/v1/exports/${exportId}`, { auth: "service" });
          return res.body.status !== "queued" ? res.body : undefined;
        },
        30_000,
        `export ${exportId}`,
      );
    },
  };
}

/** Records of an app as kintone holds them (read over HTTP with the app's token). */
export async function kintoneRecords(
  h: Harness,
  app: { appId: string; token: string },
  query: string,
): Promise<Array<Record<string, { value: unknown }>>> {
  const res = await fetch(
    `${h.emulator.url}/k/v1/records.json?app=${app.appId}&query=${encodeURIComponent(query)}`,
    { headers: { "X-Cybozu-API-Token": app.token } },
  );
  return ((await res.json()) as { records: Array<Record<string, { value: unknown }>> }).records;
}
