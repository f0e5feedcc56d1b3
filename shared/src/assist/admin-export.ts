import { z } from "zod";
import { instantSchema } from "../schemas/ids.ts";
import { crmCandidateSchema } from "./crm-candidates.ts";
import { exportStatusSchema } from "./export-view.ts";

/** GET /v1/kintone/exports?status=&limit=&cursor= (the plug-in, connection key): query values arrive as strings. */
export const adminExportListQuerySchema = z.object({
  status: exportStatusSchema.optional().meta({ description: "Only exports in this status; left out: all." }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(1000).optional().meta({ description: "`nextCursor` of the previous page." }),
});

const adminCustomerSchema = z.object({
  id: z.string().nullable().meta({ description: "The FA customer; null while the backend knows none." }),
  name: z.string(),
  company: z.string(),
});

/** One meeting's minutes on their way to the activity app, as the administrator reads them. */
export const adminExportSchema = z
  .object({
    exportId: z.string().min(1),
    eventId: z.string().min(1),
    title: z.string().meta({ description: "The meeting's title." }),
    startedAt: instantSchema.meta({ description: "The meeting's start." }),
    user: z.object({ id: z.string(), name: z.string() }).meta({ description: "The Front Agent user." }),
    customer: adminCustomerSchema.meta({
      description: "The FA customer's name and company when known, else as the event named them.",
    }),
    status: exportStatusSchema,
    kintoneRecordId: z.string().optional().meta({
      description: "The activity-app record, once written: /k/<activityAppId>/show#record=<kintoneRecordId>.",
    }),
    reason: z.string().optional().meta({ description: "What happened, in the administrator's words." }),
    fix: z
      .string()
      .optional()
      .meta({ description: "What the administrator can do about it from the plug-in." }),
    retryAt: instantSchema.optional().meta({
      description: "When a queued export waiting for the next day's request budget is written.",
    }),
    createdAt: instantSchema,
    updatedAt: instantSchema,
  })
  .meta({ id: "AdminExport" });

/** GET /v1/kintone/exports: newest first. */
export const adminExportPageSchema = z.object({
  exports: z.array(adminExportSchema),
  nextCursor: z.string().nullable(),
});

/** GET /v1/kintone/exports/{exportId}/candidates: CRM候補検索 for the export's customer, best first. */
export const exportCandidatesResponseSchema = z.object({
  customer: adminCustomerSchema,
  candidates: z.array(crmCandidateSchema),
});

/** PUT /v1/kintone/exports/{exportId}/link: the export, queued to be written to the chosen record. */
export const exportLinkedSchema = z.object({ export: adminExportSchema });

export type AdminExport = z.output<typeof adminExportSchema>;
export type AdminExportPage = z.output<typeof adminExportPageSchema>;
export type AdminExportListQuery = z.output<typeof adminExportListQuerySchema>;
export type ExportCandidatesResponse = z.output<typeof exportCandidatesResponseSchema>;
export type ExportLinked = z.output<typeof exportLinkedSchema>;
