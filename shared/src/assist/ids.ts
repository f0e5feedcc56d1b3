import { z } from "zod";

/**
 * A Front Agent identifier (event, user, customer). API.md: identifiers are strings, numbers are accepted on
 * input; the output is always the trimmed string, so 7 and "7" are one key.
 */
export const frontAgentIdSchema = z
  .union([z.string(), z.int()])
  .pipe(z.transform((value) => (typeof value === "number" ? String(value) : value.trim())))
  // Control characters (NUL, line breaks) are refused: an id ends up in URLs, logs and kintone fields.
  .pipe(
    z
      .string()
      .min(1)
      .max(200)
      .regex(/^[^\p{Cc}]*$/u, "Must not contain control characters"),
  )
  .meta({
    description: "A Front Agent identifier (1–200 characters, no control characters).",
    examples: ["u-1"],
  });

/** Loose on purpose, like the customer's: a contact address, not a deliverability check. */
export const looseEmailSchema = z
  .string()
  .trim()
  .max(254)
  .refine((value) => value === "" || /^[^\s@]+@[^\s@]+$/.test(value), "Must look like an e-mail address");
