import {
  type AssistEvent,
  type AssistEventInput,
  assistEventSchema,
  settingsSchema,
  templateSettingsBody,
} from "@front-agent/shared";
import type { ResolvedSettings } from "./settings.ts";

/**
 * Test support only: the inputs a service test starts from, made as the backend makes them (parsed by
 * shared's schemas), so a test never builds a half object and casts it.
 */

type TemplateBody = ReturnType<typeof templateSettingsBody>;

export const TEMPLATE_APPS = { customer: "14", activity: "15" } as const;

/**
 * The template apps' settings (customer app 14, activity app 15) as a saved PUT body parses, with both
 * tokens in clear as loadResolvedSettings gives them. `change` edits the body before it is parsed.
 */
export function templateSettings(change: (body: TemplateBody) => void = () => {}): ResolvedSettings {
  const tokens = { customerApp: "customerToken0123456789", activityApp: "activityToken0123456789" };
  const body = templateSettingsBody({
    kintoneBaseUrl: "https://example.cybozu.com",
    customerApp: { appId: TEMPLATE_APPS.customer, apiToken: tokens.customerApp },
    activityApp: { appId: TEMPLATE_APPS.activity, apiToken: tokens.activityApp },
  });
  change(body);
  const settings = settingsSchema.parse(body);
  return {
    ...settings,
    customerApp: { ...settings.customerApp, apiToken: tokens.customerApp },
    activityApp: { ...settings.activityApp, apiToken: tokens.activityApp },
  };
}

/** An assist event as POST /v1/events/assist accepts it; `overrides` replace whole parts. */
export function assistEvent(eventId: string, overrides: Partial<AssistEventInput> = {}): AssistEvent {
  return assistEventSchema.parse({
    eventId,
    occurredAt: "2026-11-24T09:30:00Z",
    user: { id: "u-1", name: "山田 太郎", email: "" },
    customer: { id: null, name: "佐藤 太郎", company: "" },
    meeting: {
      title: "商談",
      startedAt: "2026-11-24T09:00:00Z",
      endedAt: "2026-11-24T09:30:00Z",
      url: "https://fa.example.com/m/1",
    },
    minutes: { summary: "要約", body: "本文" },
    ...overrides,
  });
}
