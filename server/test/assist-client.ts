import { signAssistBody } from "@front-agent/shared/node";
import { type ApiAnswer, eventually, type Harness } from "./harness.ts";
import { assistEvent } from "./process-client.ts";

export interface AssistClientOptions {
  /** eventIds read `evt-<prefix>-<n>`; n counts per harness, so eventIds stay unique within one. */
  prefix?: string;
  /** Fields every event of this client has instead of the defaults, given the event's number (before `change`). */
  base?: (n: number) => Record<string, unknown>;
}

export interface SendOptions {
  /** Sign with this secret instead of the tenant's webhook secret. */
  secret?: string;
  /** Sign with this Unix time (seconds) instead of now. */
  at?: number;
  /** Send this body (signed as is) instead of the event as JSON. */
  raw?: string;
  language?: "ja" | "en";
}

const counters = new WeakMap<Harness, number>();

/** Front Agent's side of the contract in tests: signed assist events, and the exports they became. */
export function assistClient(h: Harness, options: AssistClientOptions = {}) {
  const prefix = options.prefix ?? "m";

  /** The export once `ready` holds for its status. */
  function exportWhen(exportId: string, ready: (status: string) => boolean, timeoutMs: number, what: string) {
    return eventually(
      async () => {
        const res = await h.api("GET", `/v1/exports/${exportId}`, { auth: "service" });
        return ready(res.body.status) ? res.body : undefined;
      },
      timeoutMs,
      what,
    );
  }

  return {
    event(change: Record<string, unknown> = {}) {
      const n = (counters.get(h) ?? 0) + 1;
      counters.set(h, n);
      return {
        ...assistEvent(n, { id: null, name: "佐藤 太郎", company: "" }, `evt-${prefix}`),
        ...options.base?.(n),
        ...change,
      };
    },

    /** POST /v1/events/assist, signed as Front Agent signs it (unless `options` say otherwise). */
    async send(event: unknown, send: SendOptions = {}): Promise<ApiAnswer> {
      const raw = send.raw ?? JSON.stringify(event);
      const signature = signAssistBody(
        send.secret ?? h.tenant.webhookSecret,
        raw,
        send.at ?? Math.floor(Date.now() / 1000),
      );
      const res = await fetch(`${h.server.url}/v1/events/assist`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${h.tenant.serviceToken}`,
          "content-type": "application/json",
          "x-fa-signature": signature,
          ...(send.language ? { "accept-language": send.language } : {}),
        },
        body: raw,
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: the text as it is
      }
      return { status: res.status, body, text };
    },

    /** The export once it is no longer queued. */
    settled(exportId: string, timeoutMs = 30_000) {
      return exportWhen(exportId, (status) => status !== "queued", timeoutMs, `export ${exportId}`);
    },

    /** The export once it has `status` (when it passes through others first, e.g. failed and sent again). */
    reached(exportId: string, status: string, timeoutMs = 30_000) {
      return exportWhen(exportId, (s) => s === status, timeoutMs, `export ${exportId} to be ${status}`);
    },
  };
}

type KintoneRecord = Record<string, { value: unknown }>;

function kintoneGet(h: Harness, app: { appId: string; token: string }, path: string): Promise<unknown> {
  return fetch(`${h.emulator.url}/k/v1/${path}`, { headers: { "X-Cybozu-API-Token": app.token } }).then((r) =>
    r.json(),
  );
}

/** Records of an app as kintone holds them (read over HTTP with the app's token). */
export async function kintoneRecords(
  h: Harness,
  app: { appId: string; token: string },
  query: string,
): Promise<KintoneRecord[]> {
  const answer = await kintoneGet(h, app, `records.json?app=${app.appId}&query=${encodeURIComponent(query)}`);
  return (answer as { records: KintoneRecord[] }).records;
}

/** One record of an app by its id, as kintone holds it. */
export async function kintoneRecord(
  h: Harness,
  app: { appId: string; token: string },
  id: string,
): Promise<KintoneRecord> {
  return ((await kintoneGet(h, app, `record.json?app=${app.appId}&id=${id}`)) as { record: KintoneRecord })
    .record;
}

/** How many records of an app match `query` (kintone's totalCount). */
export async function kintoneCount(
  h: Harness,
  app: { appId: string; token: string },
  query = "",
): Promise<number> {
  const answer = await kintoneGet(
    h,
    app,
    `records.json?app=${app.appId}&totalCount=true&query=${encodeURIComponent(query)}`,
  );
  return Number((answer as { totalCount: string }).totalCount);
}

/** An app's form fields as kintone holds them. */
export async function kintoneForm(
  h: Harness,
  app: { appId: string; token: string },
): Promise<Record<string, { code: string; required?: boolean }>> {
  const answer = await kintoneGet(h, app, `app/form/fields.json?app=${app.appId}`);
  return (answer as { properties: Record<string, { code: string; required?: boolean }> }).properties;
}
