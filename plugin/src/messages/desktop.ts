import type { Text } from "../i18n.ts";

/** The record-view button's words (kept apart so the desktop bundle carries only these). */
export const desktopMessages = {
  openInFrontAgent: { ja: "Front Agentで開く", en: "Open in Front Agent" },
  notLinked: { ja: "未連携", en: "Not linked" },
  notLinkedHelp: {
    ja: "このレコードはFront Agentの顧客と連携されていません",
    en: "This record is not linked to a Front Agent customer",
  },
  linkFailed: { ja: "Front Agentに接続できませんでした", en: "Could not reach Front Agent" },
  notConfigured: { ja: "Front Agentの接続先が未設定です", en: "Front Agent is not set up" },
} satisfies Record<string, Text>;
