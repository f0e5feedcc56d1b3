import { z } from "zod";
import { instantSchema } from "./ids.ts";
import { importRunSchema } from "./import-run.ts";

const count = z.int().nonnegative();

/** GET /v1/kintone/status: the config screen's status panel. */
export const statusSchema = z
  .object({
    runs: z.array(importRunSchema).meta({ description: "Recent runs, newest first." }),
    nextSyncAt: instantSchema
      .nullable()
      .meta({ description: "null when nothing is scheduled (no settings yet)." }),
    nextFullSyncAt: instantSchema.nullable().optional().meta({
      description:
        "The next scheduled full sync (全件同期); null when fullSyncIntervalDays is 0 or no first import has succeeded yet.",
    }),
    customers: z.object({ linked: count, total: count }),
    exports: z.object({
      written: count,
      skipped: count,
      failed: count,
      queued: count,
      needsReview: count
        .optional()
        .meta({ description: "Waiting for a person to link the customer (要確認)." }),
      deferred: count.optional().meta({
        description:
          "Of the queued, those waiting for kintone's daily request limit to reset (each export says when).",
      }),
    }),
    kintoneRequests: z
      .object({
        dailyLimit: count.meta({
          description: "kintone's daily request limit per app the backend keeps within.",
        }),
        today: z.record(z.string(), count).meta({ description: "Requests made today, by app id." }),
      })
      .optional(),
    limits: z
      .object({
        maxInitialRecords: count.meta({
          description:
            "The operator's ceiling on options.initialMaxRecords (MAX_INITIAL_RECORDS): a save above it is refused.",
        }),
      })
      .optional()
      .meta({ description: "What this backend's operator allows." }),
  })
  .meta({ id: "Status" });

export type Status = z.output<typeof statusSchema>;
