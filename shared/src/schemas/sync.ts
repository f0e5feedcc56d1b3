import { z } from "zod";
import { importRunKindSchema } from "./import-run.ts";

/** POST /v1/kintone/sync ("今すぐ同期"). */
export const syncRequestSchema = z.object({
  // The kinds of run a person can start: the initial one starts with the first save.
  mode: importRunKindSchema.exclude(["initial"]).meta({
    description:
      "incremental: records updated since the last sync; full: every record, also finding deleted ones.",
  }),
});

export const syncAcceptedSchema = z.object({ runId: z.string().min(1) });

export type SyncRequest = z.output<typeof syncRequestSchema>;
export type SyncAccepted = z.output<typeof syncAcceptedSchema>;
export type SyncMode = SyncRequest["mode"];
