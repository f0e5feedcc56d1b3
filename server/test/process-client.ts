import type { RunningEmulator } from "@front-agent/kintone-emulator";
import { type ExportView, exportViewSchema, templateSettingsBody } from "@front-agent/shared";
import { signAssistBody } from "@front-agent/shared/node";

/**
 * Test support: talking to backends that run as processes of their own (multi-process, roles), over
 * HTTP only, as Front Agent and the plug-in would. A tenant, the template settings, signed events.
 */
export interface ProcessTenant {
  connectionKey: string;
  serviceToken: string;
  webhookSecret: string;
}

export async function createTenant(base: string, adminToken: string, name: string): Promise<ProcessTenant> {
  const res = await fetch(`${base}/v1/admin/tenants`, {
    method: "POST",
    headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
    body: JSON.stringify({ name }),
  });
  if (res.status !== 201) throw new Error(`tenant create: ${res.status} ${await res.text()}`);
  return (await res.json()) as ProcessTenant;
}

/** The seeded template apps of the emulator, as the settings name them. */
export function templateApps(emulator: RunningEmulator) {
  const apps = emulator.seed?.apps ?? {};
  return {
    customerApp: { appId: apps.customer?.appId ?? "", apiToken: apps.customer?.tokens[0] ?? "" },
    activityApp: { appId: apps.activity?.appId ?? "", apiToken: apps.activity?.tokens[0] ?? "" },
  };
}

type TemplateSettings = ReturnType<typeof templateSettingsBody>;

/** Saves the template settings through `base`, changed by `change`; answers the status. */
export async function saveTemplateSettings(
  base: string,
  tenant: ProcessTenant,
  emulator: RunningEmulator,
  change?: (settings: TemplateSettings) => void,
): Promise<number> {
  const settings = templateSettingsBody({ kintoneBaseUrl: emulator.url, ...templateApps(emulator) });
  change?.(settings);
  const res = await fetch(`${base}/v1/kintone/settings`, {
    method: "PUT",
    headers: { authorization: `Bearer ${tenant.connectionKey}`, "content-type": "application/json" },
    body: JSON.stringify(settings),
  });
  return res.status;
}

type Customer = { id: string | null; name: string; company: string };

/**
 * An assist event numbered `i`, for `customer`, as Front Agent sends it: event id and meeting link
 * `<prefix>-<i>`, meeting 商談 i. Every test and bench that sends events builds them here.
 */
export function assistEvent(i: number, customer: Customer, prefix = "evt") {
  return {
    eventId: `${prefix}-${i}`,
    occurredAt: "2026-11-24T09:30:00Z",
    user: { id: "u-1", name: "山田 太郎", email: "yamada@example.co.jp" },
    customer,
    meeting: {
      title: `商談 ${i}`,
      startedAt: "2026-11-24T09:00:00Z",
      endedAt: "2026-11-24T09:30:00Z",
      url: `https://front-agent.example.com/minutes/${prefix}-${i}`,
    },
    minutes: { summary: `要約 ${i}`, body: `本文 ${i}` },
  };
}

/** Posts the event signed as Front Agent does; answers the response. */
export function sendAssistEvent(base: string, tenant: ProcessTenant, event: object): Promise<Response> {
  const raw = JSON.stringify(event);
  return fetch(`${base}/v1/events/assist`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${tenant.serviceToken}`,
      "content-type": "application/json",
      "x-fa-signature": signAssistBody(tenant.webhookSecret, raw, Math.floor(Date.now() / 1000)),
    },
    body: raw,
  });
}

/** An export as Front Agent sees it (GET /v1/exports/{id}, read with the shared schema). */
export async function exportView(base: string, tenant: ProcessTenant, exportId: string): Promise<ExportView> {
  const res = await fetch(`${base}/v1/exports/${exportId}`, {
    headers: { authorization: `Bearer ${tenant.serviceToken}` },
  });
  return exportViewSchema.parse(await res.json());
}

/** An export's status as Front Agent sees it. */
export async function exportStatus(base: string, tenant: ProcessTenant, exportId: string): Promise<string> {
  return (await exportView(base, tenant, exportId)).status;
}
