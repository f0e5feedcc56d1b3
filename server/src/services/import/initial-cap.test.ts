import { expect, test } from "vitest";
import { initialCap } from "./initial-cap.ts";

test.each([
  ["the settings' cap, below the ceiling", 500, 3000, 500],
  ["the settings' cap, at the ceiling", 3000, 3000, 3000],
  ["settings saved before the operator lowered the ceiling: the ceiling", 5000, 3000, 3000],
  ["no ceiling given: the settings' cap", 5000, undefined, 5000],
])("%s", (_what, cap, ceiling, expected) => {
  expect(initialCap({ options: { initialMaxRecords: cap } }, ceiling)).toBe(expected);
});
