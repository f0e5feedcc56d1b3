/**
 * Timestamps are stored as ISO-8601 UTC text with milliseconds (`2026-11-24T09:30:00.000Z`): the one
 * format that sorts and compares correctly as text on both SQLite and PostgreSQL. Every timestamp that is
 * written or compared goes through here, so `…T09:30:00Z` and `…T18:30:00+09:00` cannot break the order.
 */
export function toStoredTime(value: string): string {
  // An import batch stamps its 500 rows with one instant: remembering the last answer saves parsing it again.
  if (value === lastIn) return lastOut;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`not a timestamp: ${value}`);
  lastIn = value;
  lastOut = new Date(ms).toISOString();
  return lastOut;
}

let lastIn = "";
let lastOut = "";

export function addMilliseconds(value: string, ms: number): string {
  return new Date(Date.parse(toStoredTime(value)) + ms).toISOString();
}
