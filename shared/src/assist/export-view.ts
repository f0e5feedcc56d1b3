import { z } from "zod";
import { instantSchema } from "../schemas/ids.ts";

export const exportStatusSchema = z.enum(["queued", "written", "skipped", "needs_review", "failed"]).meta({
  description:
    "queued: waiting to be written; written: in kintone; skipped: not written on purpose (reason says why); needs_review (要確認): several customers matched, waiting for a person to link one; failed: kept with its error, retried.",
});

/** GET /v1/exports/{exportId}. */
export const exportViewSchema = z
  .object({
    exportId: z.string().min(1),
    eventId: z.string().min(1),
    status: exportStatusSchema,
    kintoneRecordId: z.string().optional().meta({ description: "The activity record, once written." }),
    customerId: z.string().optional().meta({
      description:
        "The event's FA customer whenever known; always present for needs_review (the one to link).",
    }),
    reason: z.string().optional().meta({
      description: "Why it was skipped, waits or failed, and what to do, in the request's language.",
    }),
    retryAt: instantSchema.optional().meta({
      description:
        "Not in API.md: when a queued export that waits for the next day's kintone request budget is written (its reason says so).",
    }),
  })
  .meta({ id: "Export" });

/** POST /v1/events/assist: 202 for a new event, 200 with the existing export for a repeated eventId. */
export const assistAcceptedSchema = z.object({ exportId: z.string().min(1), status: exportStatusSchema });

export type ExportStatus = z.output<typeof exportStatusSchema>;
export type ExportView = z.output<typeof exportViewSchema>;
export type AssistAccepted = z.output<typeof assistAcceptedSchema>;
