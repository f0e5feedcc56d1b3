import type { SettingsOptions } from "@front-agent/shared";

export type NumberOption = Exclude<keyof SettingsOptions, "autoRegister">;

/**
 * The bounds of the shared optionsSchema (SPEC S9), restated here so the config bundle does not carry zod;
 * option-values.test.ts holds them to the schema. The cap's upper bound is wide: operators raise it for
 * large customers.
 */
export const OPTION_LIMITS: Record<NumberOption, { min: number; max: number }> = {
  initialWindowDays: { min: 1, max: 3650 },
  initialMaxRecords: { min: 1, max: 1_000_000 },
  syncIntervalHours: { min: 1, max: 168 },
  fullSyncIntervalDays: { min: 0, max: 90 },
};

/**
 * The whole number typed, or null. Japanese input methods often give full-width digits (「６０」) and people
 * write 3,000 with a separator, so both are accepted; anything else (decimals, signs, words) is not.
 */
export function parseWholeNumber(text: string): number | null {
  const plain = text.normalize("NFKC").trim().replace(/,/g, "");
  if (!/^\d{1,9}$/.test(plain)) return null;
  return Number(plain);
}

/** The option's value from the text typed, or null when it is not a whole number within the bounds. */
export function optionValue(option: NumberOption, text: string): number | null {
  const value = parseWholeNumber(text);
  const { min, max } = OPTION_LIMITS[option];
  return value !== null && value >= min && value <= max ? value : null;
}
