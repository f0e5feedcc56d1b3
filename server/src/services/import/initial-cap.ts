/**
 * SPEC I9: how many records a first import (and its preview) reads at most: the settings' cap, never above
 * the operator's ceiling (MAX_INITIAL_RECORDS). A save above the ceiling is refused, but settings saved
 * before the operator lowered it still hold the higher cap.
 */
export function initialCap(settings: { options: { initialMaxRecords: number } }, ceiling?: number): number {
  return Math.min(settings.options.initialMaxRecords, ceiling ?? Number.POSITIVE_INFINITY);
}
