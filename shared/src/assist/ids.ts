import { z } from "zod";

/**
 * A Front Agent identifier (event, user, customer). API.md: identifiers are strings, numbers are accepted on
 * input; the output is always the trimmed string, so 7 and "7" are one key.
 */
export const frontAgentIdSchema = z
  .union([z.string(), z.int()])
  .pipe(z.transform((value) => (typeof value === "number" ? String(value) : value.trim())))
  .pipe(z.string().min(1).max(200))
  .meta({ description: "A Front Agent identifier (1–200 characters).", examples: ["u-1"] });

/** Loose on purpose, like the customer's: a contact address, not a deliverability check. */
export const looseEmailSchema = z
  .string()
  .trim()
  .max(254)
  .refine((value) => value === "" || /^[^\s@]+@[^\s@]+$/.test(value), "Must look like an e-mail address");
