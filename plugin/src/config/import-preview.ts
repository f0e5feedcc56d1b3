import type { Form } from "@front-agent/shared/settings-checks";
import type { KintoneEnv } from "../kintone-env.ts";

/** kintone's default code for the 更新日時 (UPDATED_TIME) field, used when the form is not known yet. */
export const DEFAULT_UPDATED_TIME_FIELD = "更新日時";

const DAY_MS = 86_400_000;

/** The same rule as the shared kintone-query's: kintone has no quoted identifiers, so a code goes in bare. */
const BREAKS_BARE_WORD = /[\s"'`\\(),=!<>\p{Cc}]/u;

/** The customer app's UPDATED_TIME field code, as the backend's first import finds it. */
export function updatedTimeField(form: Form | null): string {
  const field = form ? Object.values(form).find((f) => f.type === "UPDATED_TIME") : undefined;
  return field?.code ?? DEFAULT_UPDATED_TIME_FIELD;
}

export function isQueryableFieldCode(code: string): boolean {
  return code.length > 0 && !BREAKS_BARE_WORD.test(code);
}

/**
 * SPEC I9's condition, as the backend's first import writes it (initialWindowStart, then the minute):
 * UPDATED_TIME has minute precision, so the window starts on a whole minute, `>=` keeping that minute.
 * `limit 1` because only totalCount is wanted.
 */
export function firstImportQuery(fieldCode: string, now: Date, days: number): string {
  const since = new Date(Math.floor((now.getTime() - days * DAY_MS) / 60_000) * 60_000);
  return `${fieldCode} >= "${since.toISOString().slice(0, 16)}:00Z" limit 1`;
}

/** How many records of the app were updated within the window (the logged-in user's view of them). */
export async function countUpdatedWithin(
  env: KintoneEnv,
  appId: string,
  fieldCode: string,
  now: Date,
  days: number,
): Promise<number> {
  const answer = await env.api<{ totalCount: string | null }>("/k/v1/records.json", "GET", {
    app: appId,
    query: firstImportQuery(fieldCode, now, days),
    fields: ["$id"],
    totalCount: true,
  });
  const total = Number(answer.totalCount);
  if (answer.totalCount === null || !Number.isInteger(total)) throw new Error("totalCount missing");
  return total;
}

/** What the first import will read: everything in the window, or the cap's worth of the newest. */
export function firstImportPlan(
  total: number,
  cap: number,
): { kind: "none" | "all" | "capped"; rest: number } {
  if (total === 0) return { kind: "none", rest: 0 };
  return total <= cap ? { kind: "all", rest: 0 } : { kind: "capped", rest: total - cap };
}
