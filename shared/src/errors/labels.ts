import type { Message } from "./catalogue.ts";

/**
 * kintone's own words for the API-token permissions, as shown in App Settings > API Token: a check
 * message must name the exact checkbox to tick. Pass one as the `permission` parameter of `formatMessage`.
 */
export const tokenPermissionLabels = {
  view: { ja: "レコード閲覧", en: "View records" },
  add: { ja: "レコード追加", en: "Add records" },
  edit: { ja: "レコード編集", en: "Edit records" },
  manage: { ja: "アプリ管理", en: "Manage app" },
} as const satisfies Record<string, Message>;

export type TokenPermission = keyof typeof tokenPermissionLabels;

/** Field types as kintone's form editor names them (for CHECK_FIELD_TYPE's `actual` and `expected`). */
export const fieldTypeLabels = {
  SINGLE_LINE_TEXT: { ja: "文字列（1行）", en: "Text" },
  MULTI_LINE_TEXT: { ja: "文字列（複数行）", en: "Text Area" },
  RICH_TEXT: { ja: "リッチエディター", en: "Rich text" },
  NUMBER: { ja: "数値", en: "Number" },
  CALC: { ja: "計算", en: "Calculated" },
  LINK: { ja: "リンク", en: "Link" },
  DATE: { ja: "日付", en: "Date" },
  TIME: { ja: "時刻", en: "Time" },
  DATETIME: { ja: "日時", en: "Date and time" },
  USER_SELECT: { ja: "ユーザー選択", en: "User selection" },
  RECORD_NUMBER: { ja: "レコード番号", en: "Record number" },
  SUBTABLE: { ja: "テーブル", en: "Table" },
  CHECK_BOX: { ja: "チェックボックス", en: "Check box" },
  RADIO_BUTTON: { ja: "ラジオボタン", en: "Radio button" },
  DROP_DOWN: { ja: "ドロップダウン", en: "Drop-down" },
  MULTI_SELECT: { ja: "複数選択", en: "Multi-choice" },
  LOOKUP: { ja: "ルックアップ", en: "Lookup" },
} as const satisfies Record<string, Message>;

/** A type kintone added after this list falls back to its code, which is still exact. */
export function fieldTypeLabel(type: string): Message {
  return (fieldTypeLabels as Record<string, Message | undefined>)[type] ?? { ja: type, en: type };
}
