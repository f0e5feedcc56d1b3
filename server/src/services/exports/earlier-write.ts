import { type AssistEvent, type KintoneRecordBody, quote } from "@front-agent/shared";
import type { KintoneGateway } from "../../kintone/gateway.ts";
import type { Storage } from "../../storage/index.ts";
import type { ResolvedSettings } from "../settings.ts";

type ActivityApp = ResolvedSettings["activityApp"];

/**
 * The activity record an earlier attempt of this export added, when its answer was lost (a crash, a 503
 * after kintone wrote). Never a record another event wrote (issue: two events sharing a meeting URL).
 *
 * - With an event-id field: the record holding this event id (only this export writes it).
 * - Without one: a record holding everything this export writes that kintone can compare (link, title,
 *   company/name, the minutes themselves), and no other export holds. Two events with the same meeting URL
 *   differ in their minutes, so the second cannot be taken for the first. (docs/matching.md)
 */
export async function findEarlierWrite(
  deps: { storage: Storage; gateway: KintoneGateway },
  tenantId: string,
  exportId: string,
  activity: ActivityApp,
  event: AssistEvent,
  record: KintoneRecordBody,
): Promise<string | null> {
  const { gateway } = deps;
  const f = activity.fields;
  if (f.eventId) {
    const found = await gateway.records(
      activity.appId,
      `${f.eventId} = ${quote(event.eventId)} order by $id asc limit 100`,
      ["$id", f.eventId],
    );
    // Compared again here: whether kintone's `=` folds case or width is not documented (emulator/README.md),
    // and "evt-A" must never be taken for "evt-a".
    const own = found.find((r) => r[f.eventId as string]?.value === event.eventId);
    return own?.$id ? String(own.$id.value) : null;
  }
  const texts = comparableTexts(activity, record);
  const queryable = [f.link, f.title].filter((code): code is string => code !== null && code in texts);
  if (queryable.length === 0) return null;
  const condition = queryable.map((code) => `${code} = ${quote(texts[code] ?? "")}`).join(" and ");
  const found = await gateway.records(activity.appId, `${condition} order by $id asc limit 100`, [
    "$id",
    ...Object.keys(texts),
  ]);
  const same = found.filter((r) =>
    Object.entries(texts).every(([code, value]) => sameText(r[code]?.value, value)),
  );
  const ids = same.map((r) => String(r.$id?.value ?? ""));
  const held = await deps.storage.exports.heldByOthers(tenantId, ids, exportId);
  return ids.find((id) => !held.has(id)) ?? null;
}

/** The text fields this export writes, as kintone would hand them back. */
function comparableTexts(activity: ActivityApp, record: KintoneRecordBody): Record<string, string> {
  const f = activity.fields;
  const codes = [f.title, f.body, f.link, ...(activity.customerLink ? [] : [f.company, f.name])];
  const texts: Record<string, string> = {};
  for (const code of codes) {
    const value = code === null ? undefined : record[code]?.value;
    if (code !== null && typeof value === "string") texts[code] = value;
  }
  return texts;
}

// kintone may hand multi-line text back with CRLF line ends.
const sameText = (read: unknown, written: string) =>
  typeof read === "string" && read.replace(/\r\n/g, "\n") === written.replace(/\r\n/g, "\n");
