import {
  type AssistEvent,
  type AssistEventInput,
  assistEventSchema,
  maskSettings,
  settingsSchema,
  templateSettingsBody,
} from "@front-agent/shared";
import { assistEvent as sentEvent } from "../../test/process-client.ts";
import type { Storage } from "../storage/index.ts";
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

/**
 * Stores the template settings for `tenantId` as a save does (tokens masked in the body, stored apart;
 * their ciphertext is a placeholder the test never decrypts).
 */
export function storeTemplateSettings(storage: Storage, tenantId: string, savedAt: Date): Promise<void> {
  return storage.settings.put(tenantId, {
    body: maskSettings(templateSettings()),
    customerTokenEnc: "enc",
    activityTokenEnc: "enc",
    importKey: null,
    savedAt: savedAt.toISOString(),
  });
}

/**
 * An assist event as POST /v1/events/assist accepts it (the end-to-end tests' event, parsed by shared's
 * schema); `overrides` replace whole parts.
 */
export function assistEvent(eventId: string, overrides: Partial<AssistEventInput> = {}): AssistEvent {
  const customer = { id: null, name: "佐藤 太郎", company: "" };
  return assistEventSchema.parse({ ...sentEvent(1, customer), eventId, ...overrides });
}
