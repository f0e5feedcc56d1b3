import { escapeHtml } from "./html.ts";

/**
 * An instant (kintone's DATETIME, UTC ISO) as HTML: a <time> that LOCAL_TIME_JS rewrites in the browser,
 * where the viewer's time zone and locale are known. Until then (or without scripts) it reads the ISO text.
 */
export const timeHtml = (iso: string) => `<time datetime="${escapeHtml(iso)}">${escapeHtml(iso)}</time>`;

/**
 * Browser-side, for the harness pages and the demo's: kintone shows a DATETIME in the user's time zone
 * (its personal settings; the harness's kintone.getLoginUser().timezone) and the locale's date format.
 * `localTime(iso, timeZone?)` formats one instant, `localTimes(root, timeZone?)` every <time datetime> under
 * root, keeping the ISO text as its tooltip. Without a time zone, the browser's.
 */
export const LOCAL_TIME_JS = `
function localTime(iso, timeZone) {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return iso || "";
  const options = { dateStyle: "medium", timeStyle: "short" };
  try {
    return new Intl.DateTimeFormat(undefined, timeZone ? { ...options, timeZone } : options).format(date);
  } catch {
    return new Intl.DateTimeFormat(undefined, options).format(date);
  }
}
function localTimes(root, timeZone) {
  for (const element of root.querySelectorAll("time[datetime]")) {
    const iso = element.getAttribute("datetime");
    element.textContent = localTime(iso, timeZone);
    element.title = iso;
  }
}
`;
