import type { SectionProps } from "./section-props.ts";

// STUB: written by a helper.
export function UserMappingSection(_props: SectionProps) {
  return null;
}
