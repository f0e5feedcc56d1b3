import type { Language } from "../i18n.ts";

const locale = (language: Language) => (language === "ja" ? "ja-JP" : "en-US");

/** 1,234 — counts as the administrator reads them. */
export function formatCount(language: Language, count: number): string {
  return count.toLocaleString(locale(language));
}

/** A backend timestamp in the browser's time zone; an unreadable one is shown as sent rather than "Invalid Date". */
export function formatDateTime(language: Language, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(locale(language), { dateStyle: "medium", timeStyle: "short" });
}
