import { z } from "zod";
import { instantSchema } from "./ids.ts";

export const importRunKindSchema = z.enum(["initial", "incremental", "full"]).meta({
  description:
    "initial: the first import (SPEC I9); incremental: records updated since the last sync (I10); full: every record, unlinking deleted ones (I11).",
});

export const importRunStatusSchema = z.enum(["running", "succeeded", "failed"]);

const count = z.int().nonnegative();

/** One import run (SPEC I12). */
export const importRunSchema = z
  .object({
    id: z.string().min(1),
    kind: importRunKindSchema,
    status: importRunStatusSchema,
    startedAt: instantSchema,
    finishedAt: instantSchema.nullable().meta({ description: "null while running." }),
    read: count.meta({ description: "Records read from kintone (a skipped record counts too)." }),
    created: count.meta({ description: "FA customers created." }),
    updated: count.meta({ description: "FA customers updated or newly linked." }),
    skipped: count.meta({
      description: "Records not imported, with a reason (e.g. no name and no company).",
    }),
    failed: count,
    kintoneRequests: count
      .optional()
      .meta({ description: "kintone requests the run made (the daily budget's measure)." }),
    error: z.string().optional().meta({
      description: "Why the run failed: a stable code (e.g. KINTONE_AUTH_FAILED, IMPORT_INTERRUPTED).",
    }),
    message: z.string().optional().meta({
      description: "The error as a sentence in the request's language, when the code has one.",
    }),
    unlinked: count.optional().meta({
      description:
        "A full run: customers unlinked because their kintone record was deleted (SPEC I11); they are kept, unlinked.",
    }),
    deferredUntil: instantSchema.optional().meta({
      description:
        "A running run waiting for the next day's kintone request budget (a full sync that would pass it): when it goes on.",
    }),
  })
  .meta({ id: "ImportRun" });

export type ImportRun = z.output<typeof importRunSchema>;
export type ImportRunKind = z.output<typeof importRunKindSchema>;
export type ImportRunStatus = z.output<typeof importRunStatusSchema>;

export const runIssueKindSchema = z.enum(["skipped", "failed"]);

/** Why one kintone record of an import run was skipped or failed (SPEC I12). */
export const runIssueSchema = z
  .object({
    recordId: z.string().min(1),
    kind: runIssueKindSchema,
    reason: z.string().meta({ description: "The code, e.g. NO_NAME_OR_COMPANY." }),
    message: z.string().meta({ description: "The reason as a sentence in the request's language." }),
  })
  .meta({ id: "RunIssue" });

/** GET /v1/kintone/runs/{id}/issues: the run, and why each record was skipped or failed (up to 1,000). */
export const runIssuesResponseSchema = z.object({ run: importRunSchema, issues: z.array(runIssueSchema) });

export type RunIssueKind = z.output<typeof runIssueKindSchema>;
export type RunIssue = z.output<typeof runIssueSchema>;
export type RunIssuesResponse = z.output<typeof runIssuesResponseSchema>;
