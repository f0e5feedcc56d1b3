import { z } from "zod";

/** POST /v1/admin/tenants. */
export const tenantCreateSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .meta({ description: "A name for operators.", examples: ["株式会社サンプル"] }),
});

/** The three secrets are shown once: only hashes (or, for the webhook secret, ciphertext) are kept. */
export const tenantCreatedSchema = z
  .object({
    tenantId: z.string().min(1),
    connectionKey: z.string().min(1).meta({ description: "For the kintone plug-in (Bearer)." }),
    serviceToken: z.string().min(1).meta({ description: "For Front Agent (Bearer)." }),
    webhookSecret: z.string().min(1).meta({ description: "HMAC key of X-FA-Signature (its UTF-8 string)." }),
  })
  .meta({ id: "TenantCreated" });

export type TenantCreate = z.output<typeof tenantCreateSchema>;
export type TenantCreated = z.output<typeof tenantCreatedSchema>;
