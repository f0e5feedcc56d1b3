import { z } from "zod";
import { fieldMappingSchema } from "./field-code.ts";

/** Credentials in a URL would end up in logs and in the stored settings. */
const httpUrlSchema = z.url({ protocol: /^https?$/, error: "Must be an http(s) URL" }).refine((value) => {
  const url = new URL(value);
  return url.username === "" && url.password === "";
}, "Must not contain a user name or password");

/** kintone's REST API lives at the origin, so a pasted app address (…/k/14/) is cut back to it. */
export const kintoneBaseUrlSchema = httpUrlSchema
  .pipe(z.transform((value) => new URL(value).origin))
  .pipe(z.string())
  .meta({
    description: "The kintone domain's address (only its origin is kept).",
    examples: ["https://example.cybozu.com"],
  });

/** Front Agent may live under a path; only the trailing slash is dropped so `${baseUrl}/customers/…` works. */
export const frontAgentBaseUrlSchema = httpUrlSchema
  .refine((value) => {
    const url = new URL(value);
    return url.search === "" && url.hash === "";
  }, "Must not contain a query or a fragment")
  .pipe(
    z.transform((value) => {
      const url = new URL(value);
      return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
    }),
  )
  .pipe(z.string())
  .meta({
    description: "Front Agent's address; customer pages are <baseUrl>/customers/<id>.",
    examples: ["https://front-agent.example.com"],
  });

/**
 * kintone sends several tokens comma-separated in one header, so a comma (or any space or control
 * character) inside one token would corrupt the header.
 */
export const apiTokenValueSchema = z
  .string()
  .trim()
  .min(1)
  .max(256)
  .regex(/^[\x21-\x2b\x2d-\x7e]+$/, "Must be printable ASCII without spaces or commas")
  .meta({ description: "The app's API token (App Settings > API Token)." });

export const apiTokenKeptSchema = z
  .object({ set: z.literal(true) })
  .meta({ description: "Stands for the stored token: send it to keep the token unchanged." });

export const apiTokenSchema = z.union([apiTokenValueSchema, apiTokenKeptSchema]).meta({
  description: 'A new API token, or {"set": true} to keep the stored one.',
});

export const customerFieldsSchema = z
  .object({
    name: fieldMappingSchema.meta({ description: "氏名: one field holding the full name (顧客名)." }),
    lastName: fieldMappingSchema.meta({ description: "姓: used with firstName when name is not mapped." }),
    firstName: fieldMappingSchema.meta({ description: "名: used with lastName when name is not mapped." }),
    company: fieldMappingSchema.meta({ description: "会社名 (single-line text)." }),
    department: fieldMappingSchema.meta({ description: "部署名." }),
    email: fieldMappingSchema.meta({
      description:
        "E-mail: one value, the first non-empty one (a table's first non-empty row, a text's first non-empty line).",
    }),
    phone: fieldMappingSchema.meta({
      description:
        "Phone: one value, the first non-empty one (a table's first non-empty row, a text's first non-empty line).",
    }),
    address: fieldMappingSchema.meta({
      description:
        "Address: one value, the first non-empty one (a table's first non-empty row), its lines joined by spaces.",
    }),
    recordNumber: fieldMappingSchema.meta({
      description: "The RECORD_NUMBER field; the activity app's lookup is keyed on it.",
    }),
  })
  .meta({
    description:
      "Customer app field codes. name (or lastName + firstName, joined as 「姓 名」), company and recordNumber are required.",
  });

export const activityFieldsSchema = z
  .object({
    customerLookup: fieldMappingSchema.meta({
      description: "LOOKUP into the customer app keyed on its record number (when customerLink is true).",
    }),
    company: fieldMappingSchema.meta({ description: "会社名 text (when customerLink is false)." }),
    name: fieldMappingSchema.meta({ description: "顧客名 text (when customerLink is false)." }),
    owner: fieldMappingSchema.meta({
      description: "担当者 (USER_SELECT): the kintone user mapped to the meeting's Front Agent user.",
    }),
    datetime: fieldMappingSchema.meta({ description: "対応日時 (DATETIME): the meeting's start." }),
    title: fieldMappingSchema.meta({ description: "件名: the meeting title." }),
    body: fieldMappingSchema.meta({ description: "議事録: the summary, a blank line, then the minutes." }),
    link: fieldMappingSchema.meta({ description: "LINK to the meeting in Front Agent." }),
    eventId: fieldMappingSchema.meta({
      description: "Unique single-line text holding the event id: makes writes exactly-once.",
    }),
  })
  .meta({
    description:
      "Activity app field codes. customerLookup is required when customerLink is true; company and name when it is false.",
  });

/** Defaults and bounds of SPEC S9; the cap may be raised for large customers, hence the wide bound. */
export const optionsSchema = z
  .object({
    autoRegister: z
      .boolean()
      .default(true)
      .meta({ description: "Create unknown customers in kintone (SPEC E3)." }),
    initialWindowDays: z.int().min(1).max(3650).default(60).meta({ description: "First import: days back." }),
    initialMaxRecords: z
      .int()
      .min(1)
      .max(1_000_000)
      .default(3000)
      .meta({ description: "First import: records read at most." }),
    syncIntervalHours: z.int().min(1).max(168).default(24).meta({ description: "Hours between syncs." }),
    fullSyncIntervalDays: z.int().min(0).max(90).default(7).meta({
      description:
        "Days between scheduled full syncs (全件同期): they import what the first import's window or cap left out and unlink customers whose record was deleted (SPEC I11). 0 turns them off.",
    }),
  })
  .prefault({})
  .meta({ description: "Import and export options; each has a default." });

export const userMappingSchema = z
  .object({
    frontAgentUserId: z.string().trim().min(1).max(200),
    kintoneUserCode: z.string().trim().min(1).max(128).meta({ description: "The kintone login name." }),
  })
  .meta({ description: "A Front Agent user and the kintone user who is 担当者 for their meetings." });

export type CustomerFields = z.output<typeof customerFieldsSchema>;
export type ActivityFields = z.output<typeof activityFieldsSchema>;
export type SettingsOptions = z.output<typeof optionsSchema>;
export type UserMapping = z.output<typeof userMappingSchema>;
export type ApiToken = z.output<typeof apiTokenSchema>;
