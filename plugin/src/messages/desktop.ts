import type { Text } from "../i18n.ts";

/** The record-view button's words. */
export const desktopMessages = {
  openInFrontAgent: { ja: "Front Agentで開く", en: "Open in Front Agent" },
} satisfies Record<string, Text>;
