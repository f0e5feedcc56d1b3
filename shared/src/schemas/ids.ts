import { z } from "zod";

/**
 * kintone's convention: identifiers travel as strings ("14"), but numbers are accepted on input, as kintone
 * itself accepts both. The output is always the canonical decimal string, so "014" and 14 cannot become two
 * different keys.
 */
export const kintoneIdSchema = z
  .union([z.string(), z.int().positive()])
  .pipe(z.transform((value) => (typeof value === "number" ? String(value) : value.trim())))
  .pipe(z.string().regex(/^[1-9][0-9]*$/, "Must be a positive integer"))
  .meta({
    description: "A kintone identifier (app or record id): a positive integer, as a string.",
    examples: ["14"],
  });

/** An ISO 8601 instant in UTC, as every time in this API is written. */
export const instantSchema = z.iso.datetime().meta({
  description: "An instant, ISO 8601 in UTC.",
  examples: ["2026-11-24T09:30:00Z"],
});
