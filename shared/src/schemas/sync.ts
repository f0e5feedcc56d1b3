import { z } from "zod";

/** POST /v1/kintone/sync ("今すぐ同期"). */
export const syncRequestSchema = z.object({
  mode: z.enum(["incremental", "full"]).meta({
    description:
      "incremental: records updated since the last sync; full: every record, also finding deleted ones.",
  }),
});

export const syncAcceptedSchema = z.object({ runId: z.string().min(1) });

export type SyncRequest = z.output<typeof syncRequestSchema>;
