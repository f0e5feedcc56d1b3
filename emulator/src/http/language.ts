import type { ResponseLanguage } from "../errors/kintone-error.ts";

/**
 * kintone answers in the user's language, or the browser's (`Accept-Language`) when the user chose that;
 * with no header it falls back to the organisation's default (facts §6).
 */
export function responseLanguage(header: string | undefined, fallback: ResponseLanguage): ResponseLanguage {
  const first = header?.split(",")[0]?.trim().toLowerCase() ?? "";
  if (first.startsWith("en")) return "en";
  if (first.startsWith("ja")) return "ja";
  return fallback;
}
