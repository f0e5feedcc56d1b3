import type { Language } from "./catalogue.ts";

/** Japanese unless the caller asks for English first: our users are kintone administrators in Japan. */
export function pickLanguage(acceptLanguage: string | null | undefined): Language {
  if (!acceptLanguage) return "ja";
  const first = acceptLanguage.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("en") ? "en" : "ja";
}
