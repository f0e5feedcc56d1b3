import type { SectionProps } from "./section-props.ts";

// STUB: written by a helper.
export function OptionsSection(_props: SectionProps) {
  return null;
}
