import { z } from "zod";

/** Every error answer of the backend (API.md "Errors"). */
export const errorEnvelopeSchema = z
  .object({
    error: z.object({
      code: z
        .string()
        .min(1)
        .meta({ description: "Stable code from the message catalogue.", examples: ["SETTINGS_INVALID"] }),
      message: z.string().meta({ description: "Japanese by default, English with Accept-Language: en." }),
      details: z
        .unknown()
        .optional()
        .meta({ description: "Typed by code, e.g. {checks} for SETTINGS_INVALID." }),
    }),
  })
  .meta({ id: "Error" });

export type ErrorEnvelope = z.output<typeof errorEnvelopeSchema>;
