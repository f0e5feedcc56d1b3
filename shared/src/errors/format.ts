import { type ErrorCode, type Language, type Message, messages } from "./catalogue.ts";

/** The `{name}` placeholders of a catalogue text, read from its literal type. */
type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | Placeholders<Rest>
  : never;

/** A value for a placeholder; a `Message` is rendered in the requested language (e.g. a permission label). */
export type MessageParam = string | number | Message;

export type MessageParams<C extends ErrorCode> = {
  [K in Placeholders<(typeof messages)[C]["ja"]>]: MessageParam;
};

/** Codes whose texts take no parameter may omit them; the others must name every placeholder. */
type ParamsArg<C extends ErrorCode> = [keyof MessageParams<C>] extends [never]
  ? [params?: Record<string, MessageParam>]
  : [params: MessageParams<C>];

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1] ?? "");
}

export function formatMessage<C extends ErrorCode>(
  code: C,
  language: Language,
  ...[params]: ParamsArg<C>
): string {
  return formatCode(code, language, params);
}

/** Whether a string read at run time (a stored reason, a run's error) is a code of the catalogue. */
export function isErrorCode(code: string): code is ErrorCode {
  // Own keys only: `in` would take "constructor" or "toString" for a code.
  return Object.hasOwn(messages, code);
}

/**
 * The text of a code chosen at run time (an error's, a stored reason's), whose parameters the compiler cannot
 * match to its placeholders; `formatMessage` checks them where the code is written out.
 */
export function formatCode(
  code: ErrorCode,
  language: Language,
  params: Record<string, MessageParam> = {},
): string {
  // An unknown placeholder is left visible: a half-filled text is a bug to see, not to hide.
  return messages[code][language].replace(PLACEHOLDER, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === "object" ? value[language] : String(value);
  });
}

/** A stored code's text in the reader's language; a code the catalogue lacks is shown as it is. */
export function textOfCode(code: string, language: Language, params?: Record<string, MessageParam>): string {
  return isErrorCode(code) ? formatCode(code, language, params) : code;
}

type FixCode<C extends string> = `${C}_FIX` extends ErrorCode ? `${C}_FIX` : never;

/** The settings-check codes (their `_FIX` twins excluded). */
export type CheckCode = Exclude<Extract<ErrorCode, `CHECK_${string}`>, `${string}_FIX`>;

type CheckParams<C extends CheckCode> = MessageParams<C> &
  (FixCode<C> extends never ? unknown : MessageParams<FixCode<C>>);

/** `message` and, when the catalogue has one, `fix` of a settings check, in one language. */
export function checkText<C extends CheckCode>(
  code: C,
  language: Language,
  ...[params]: [keyof CheckParams<C>] extends [never]
    ? [params?: Record<string, MessageParam>]
    : [params: CheckParams<C>]
): { message: string; fix?: string } {
  return messageAndFix(code, language, params);
}

/** A code's text and, when the catalogue has its `_FIX` twin, the fix, both with the same parameters. */
export function messageAndFix(
  code: ErrorCode,
  language: Language,
  params: Record<string, MessageParam> = {},
): { message: string; fix?: string } {
  const message = formatCode(code, language, params);
  const fixCode = `${code}_FIX`;
  return isErrorCode(fixCode) ? { message, fix: formatCode(fixCode, language, params) } : { message };
}
