import { z } from "zod";

const count = z.int().nonnegative();

/** POST /v1/kintone/import-preview: what the first import would do with these settings; it writes nothing. */
export const importPreviewSchema = z
  .object({
    inScope: count.meta({ description: "Records updated within the first import's window." }),
    read: count.meta({
      description: "What the first import reads: all of them, or the cap's worth of the newest.",
    }),
    created: count,
    linked: count.meta({
      description:
        "Existing FA customers it would link (or update): the same name and company, or already linked.",
    }),
    skipped: count,
    skippedReasons: z
      .record(z.string(), count)
      .meta({ description: "Why records would be skipped (SPEC I1), by reason code." }),
  })
  .meta({ id: "ImportPreview" });

export type ImportPreview = z.output<typeof importPreviewSchema>;
