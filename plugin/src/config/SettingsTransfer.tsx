import type { SectionProps } from "./section-props.ts";

// STUB: written by a helper.
export function SettingsTransfer(_props: SectionProps) {
  return null;
}
