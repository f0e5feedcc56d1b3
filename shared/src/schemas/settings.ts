import { z } from "zod";
import { kintoneIdSchema } from "./ids.ts";
import {
  activityFieldsSchema,
  apiTokenKeptSchema,
  apiTokenSchema,
  customerFieldsSchema,
  frontAgentBaseUrlSchema,
  kintoneBaseUrlSchema,
  optionsSchema,
  userMappingSchema,
} from "./settings-parts.ts";
import { refineSettings } from "./settings-rules.ts";

function settingsObject<T extends z.ZodType>(apiToken: T) {
  return z.object({
    kintone: z.object({ baseUrl: kintoneBaseUrlSchema }),
    frontAgent: z.object({ baseUrl: frontAgentBaseUrlSchema }),
    customerApp: z.object({ appId: kintoneIdSchema, apiToken, fields: customerFieldsSchema }).meta({
      description: "顧客管理: the kintone app holding customers (the app the plug-in is added to).",
    }),
    activityApp: z
      .object({
        appId: kintoneIdSchema,
        apiToken,
        customerLink: z.boolean().meta({
          description:
            "商談内容の顧客連携: write a lookup to the customer (true) or company/name text (false).",
        }),
        fields: activityFieldsSchema,
      })
      .meta({ description: "活動履歴: the kintone app the minutes are written to." }),
    options: optionsSchema,
    userMappings: z.array(userMappingSchema).max(10_000).default([]),
  });
}

/** The body of PUT /v1/kintone/settings and POST /v1/kintone/settings/validate. */
export const settingsSchema = settingsObject(apiTokenSchema)
  .superRefine(refineSettings)
  .meta({ id: "Settings", description: "The plug-in's settings (API.md: Settings)." });

/** GET /v1/kintone/settings: what is stored, with both tokens masked. */
export const storedSettingsSchema = settingsObject(apiTokenKeptSchema)
  .superRefine(refineSettings)
  .meta({ id: "StoredSettings", description: 'The stored settings; each apiToken is {"set": true}.' });

/** The two kintone apps the settings name (顧客管理 and 活動履歴), by their key in Settings. */
export type AppKey = "customerApp" | "activityApp";

/** The PUT body after parsing (defaults applied, ids as strings, URLs trimmed to what is used). */
export type Settings = z.output<typeof settingsSchema>;
export type SettingsInput = z.input<typeof settingsSchema>;
export type StoredSettings = z.output<typeof storedSettingsSchema>;

/** Tokens never leave the backend once stored; this is what GET answers and what logs may show. */
export function maskSettings(settings: Settings): StoredSettings {
  return {
    ...settings,
    customerApp: { ...settings.customerApp, apiToken: { set: true } },
    activityApp: { ...settings.activityApp, apiToken: { set: true } },
  };
}
