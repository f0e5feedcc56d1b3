import type { Language } from "../../i18n.ts";

const locale = (language: Language) => (language === "ja" ? "ja-JP" : "en-US");

/** 1,234 — counts as the administrator reads them. */
export function formatCount(language: Language, count: number): string {
  return count.toLocaleString(locale(language));
}

/** 0.85 — a score between 0 and 1, two decimals at most. */
export function formatScore(language: Language, score: number): string {
  return score.toLocaleString(locale(language), { maximumFractionDigits: 2 });
}

/**
 * A backend timestamp in the user's time zone — kintone's personal setting when the page knows it (kintone
 * shows its own date-times in that zone), else the browser's — and the screen's language. An unreadable
 * timestamp is shown as sent rather than "Invalid Date".
 */
export function formatDateTime(language: Language, iso: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const style = { dateStyle: "medium", timeStyle: "short" } as const;
  try {
    return date.toLocaleString(locale(language), timeZone ? { ...style, timeZone } : style);
  } catch {
    // A zone name this browser does not know (RangeError): the browser's own zone.
    return date.toLocaleString(locale(language), style);
  }
}
