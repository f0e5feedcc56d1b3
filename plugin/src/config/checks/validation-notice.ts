import type { Check } from "../../backend.ts";
import { type Language, t } from "../../i18n.ts";

/**
 * What the screen says after 設定を確認, counted over the same checks the checks panel shows (the backend's
 * and the screen's own), so the two say one thing: errors block saving; warnings alone do not, and are
 * counted rather than called "no problem".
 */
export function validationNotice(
  language: Language,
  checks: readonly Check[],
): { kind: "success" | "error"; text: string } {
  const errors = checks.filter((c) => c.status === "error").length;
  const warnings = checks.filter((c) => c.status === "warning").length;
  if (errors > 0) return { kind: "error", text: t(language, "validateErrors", { count: errors }) };
  if (warnings > 0) return { kind: "success", text: t(language, "validateWarnings", { count: warnings }) };
  return { kind: "success", text: t(language, "validateOk") };
}
