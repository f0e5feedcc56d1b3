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
  const values: Record<string, MessageParam> = params ?? {};
  // An unknown placeholder is left visible: a half-filled text is a bug to see, not to hide.
  return messages[code][language].replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    return typeof value === "object" ? value[language] : String(value);
  });
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
  const fill = (key: ErrorCode) =>
    (formatMessage as (c: ErrorCode, l: Language, p: Record<string, MessageParam>) => string)(
      key,
      language,
      (params ?? {}) as Record<string, MessageParam>,
    );
  const fixCode = `${code}_FIX`;
  const message = fill(code);
  return fixCode in messages ? { message, fix: fill(fixCode as ErrorCode) } : { message };
}
