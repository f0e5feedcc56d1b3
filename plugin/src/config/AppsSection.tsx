import type { SectionProps } from "./section-props.ts";

// STUB: written by a helper.
export function AppsSection(_props: SectionProps) {
  return null;
}
