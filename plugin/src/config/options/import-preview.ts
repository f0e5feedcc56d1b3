import {
  DEFAULT_UPDATED_TIME_FIELD,
  initialWindowStart,
  updatedTimeFieldCode,
} from "@front-agent/shared/import-rules";
import { isQueryableFieldCode, updatedSinceCondition } from "@front-agent/shared/kintone-query";
import type { Form } from "@front-agent/shared/settings-checks";
import type { KintoneEnv } from "../../kintone-env.ts";

/** The customer app's UPDATED_TIME field code, as the backend's first import finds it (one rule, shared). */
export const updatedTimeField = (form: Form | null): string => updatedTimeFieldCode(form);

export { DEFAULT_UPDATED_TIME_FIELD, isQueryableFieldCode };

/**
 * SPEC I9's condition, as the backend's first import writes it (initialWindowStart, then the minute):
 * UPDATED_TIME has minute precision, so the window starts on a whole minute, `>=` keeping that minute.
 * `limit 1` because only totalCount is wanted.
 */
export function firstImportQuery(fieldCode: string, now: Date, days: number): string {
  return `${updatedSinceCondition(fieldCode, initialWindowStart(now, days), 0)} limit 1`;
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
