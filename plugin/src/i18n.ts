import type { Language } from "@front-agent/shared";
import { appsMessages } from "./messages/apps.ts";
import { configMessages } from "./messages/config.ts";
import { desktopMessages } from "./messages/desktop.ts";
import { exportsMessages } from "./messages/exports.ts";
import { operationsMessages } from "./messages/operations.ts";

export type { Language };
export type Text = { ja: string; en: string };

/**
 * The plug-in's one message catalogue (ja first, en), in parts per screen so the desktop script's bundle
 * carries only its own few strings. Backend checks arrive already worded, in the language asked for.
 * Object.assign marked pure, not a spread: the bundler keeps a spread of imports even when nothing reads
 * it, which put every config string into desktop.js (which uses only `format`).
 */
export const catalogue = /* @__PURE__ */ Object.assign(
  {},
  configMessages,
  appsMessages,
  operationsMessages,
  exportsMessages,
  desktopMessages,
);
export type MessageKey = keyof typeof catalogue;

/** `{name}` placeholders are filled from `params`. */
export function format(text: Text, language: Language, params: Record<string, string | number> = {}): string {
  return text[language].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function t(language: Language, key: MessageKey, params?: Record<string, string | number>): string {
  return format(catalogue[key], language, params);
}
