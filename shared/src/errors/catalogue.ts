/**
 * The one message catalogue: every user-facing text, keyed by a stable error code, in Japanese and English.
 * `satisfies` makes a code without both languages a compile error.
 */
export type Language = "ja" | "en";

export interface Message {
  ja: string;
  en: string;
}

export const messages = {
  NOT_FOUND: { ja: "見つかりません。", en: "Not found." },
  NOT_READY: {
    ja: "データベースに接続できません。しばらくしてから再度お試しください。",
    en: "The database does not answer. Please try again later.",
  },
  INTERNAL: {
    ja: "サーバー内部でエラーが発生しました。",
    en: "An internal server error occurred.",
  },
} as const satisfies Record<string, Message>;

export type ErrorCode = keyof typeof messages;

export function messageFor(code: ErrorCode, language: Language): string {
  return messages[code][language];
}
