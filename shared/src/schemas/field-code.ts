import { z } from "zod";
import { isQueryableFieldCode } from "../kintone-query/field-code.ts";
import { issueFor } from "./issue.ts";

/**
 * A kintone field code. Mapped codes go bare into kintone queries (kintone has no quoted identifiers), so
 * a code that would break a query is refused here, where the administrator can still fix it.
 */
export const fieldCodeSchema = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .superRefine((code, ctx) => {
    if (!isQueryableFieldCode(code))
      ctx.addIssue({ code: "custom", ...issueFor("SETTINGS_FIELD_CODE_INVALID", { code }) });
  })
  .meta({ description: "A kintone field code.", examples: ["顧客名"] });

/** `null` (or an absent key) means "not mapped". */
export const fieldMappingSchema = fieldCodeSchema
  .nullable()
  .default(null)
  .meta({ description: "The field code this item is read from or written to; null when not mapped." });
