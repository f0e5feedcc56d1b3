/** kintone keeps CREATED_TIME/UPDATED_TIME (and DATETIME values) to the minute: seconds always read 00. */
export const MINUTE_MS = 60_000;

export function floorMinute(instant: Date): Date {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError("Invalid date");
  return new Date(Math.floor(ms / MINUTE_MS) * MINUTE_MS);
}

/** `YYYY-MM-DDTHH:MM:00Z`, the form kintone itself returns for UPDATED_TIME. */
export function isoMinute(instant: Date): string {
  return `${floorMinute(instant).toISOString().slice(0, 16)}:00Z`;
}
