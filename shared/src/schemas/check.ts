import { z } from "zod";
import { instantSchema } from "./ids.ts";

export const checkStatusSchema = z.enum(["ok", "warning", "error"]).meta({
  description: "error blocks saving; warning is shown but saving goes ahead.",
});

/** One finding of the settings validation ("診断"): what is wrong, and how to fix it in kintone. */
export const checkSchema = z
  .object({
    id: z
      .string()
      .min(1)
      .meta({
        description: "Stable id of the check.",
        examples: ["kintone.origin", "customerApp.token.view"],
      }),
    status: checkStatusSchema,
    message: z.string().meta({ description: "What was found, in the request's language." }),
    fix: z.string().optional().meta({ description: "What to do about it, in kintone's own screen words." }),
    field: z
      .string()
      .optional()
      .meta({
        description: "The settings path it concerns.",
        examples: ["customerApp.fields.company"],
      }),
  })
  .meta({ id: "Check" });

/** POST /v1/kintone/settings/validate (always 200, errors included). */
export const checksResponseSchema = z.object({ checks: z.array(checkSchema) });

/** PUT /v1/kintone/settings on success. */
export const settingsSavedSchema = z.object({
  checks: z.array(checkSchema),
  savedAt: instantSchema,
  recordKey: z.string().min(1).meta({
    description:
      "Issued by every save (the previous one stops working): the key the plug-in stores with setProxyConfig for record pages; GET /v1/kintone/customer-link accepts it, nothing else does.",
  }),
});

export type Check = z.output<typeof checkSchema>;
export type ChecksResponse = z.output<typeof checksResponseSchema>;
export type SettingsSaved = z.output<typeof settingsSavedSchema>;
export type CheckStatus = z.output<typeof checkStatusSchema>;
