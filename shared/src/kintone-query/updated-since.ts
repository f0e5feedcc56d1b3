import { assertFieldCode } from "./field-code.ts";
import { isoMinute, MINUTE_MS } from "./minute.ts";
import { quote } from "./quote.ts";

/**
 * `<code> >= "<minute of since, minus overlap>Z"`. UPDATED_TIME has minute precision, so `>=` on the floored
 * minute is what keeps a record updated in the same minute from being lost; callers dedupe what they read
 * twice by revision. Pass 0 as overlap when `since` already includes it (see `sinceFor`).
 */
export function updatedSinceCondition(fieldCode: string, since: Date, overlapMinutes: number): string {
  if (!Number.isInteger(overlapMinutes) || overlapMinutes < 0) {
    throw new RangeError(`overlapMinutes must be a non-negative integer, got ${overlapMinutes}`);
  }
  const from = new Date(since.getTime() - overlapMinutes * MINUTE_MS);
  return `${assertFieldCode(fieldCode)} >= ${quote(isoMinute(from))}`;
}
