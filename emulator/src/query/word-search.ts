/**
 * `like` is a word search on kintone's full-text index, not a substring match (kintone help
 * "search_details", measured by the SonicGarden emulator authors):
 * - Latin letters and digits match whole words only: `like "test"` misses "test0001" but finds
 *   "test-0001". `_ # +` belong to words; whitespace and the symbols
 *   - & | / ! ( ) { } [ ] ^ " ~ * ? : ; \ $ % @ ' = < > , . and the backquote split them.
 * - Case, full/half width and katakana width do not matter (NFKC + lower case here).
 * - Japanese has no spaces: a keyword of 2+ characters matches inside a run of kanji/kana, but a
 *   1-character keyword only finds a 1-character word (`田` misses "田中").
 * Simplifications [L]: a keyword that splits into several words (`test-0001`, `東京abc`) needs each
 * word somewhere, not side by side; symbols outside the documented list also split words, and so
 * does Japanese punctuation (、。「」・).
 */

type CharClass = 0 | 1 | 2;
const SEPARATOR: CharClass = 0;
const WORD: CharClass = 1;
const JAPANESE_RUN: CharClass = 2;

/** kintone allows at most 10 keywords in one search. */
export const MAX_KEYWORDS = 10;

const ASCII_CLASS: CharClass[] = [];
for (let c = 0; c < 128; c++)
  ASCII_CLASS.push(/[A-Za-z0-9_#+]/.test(String.fromCharCode(c)) ? WORD : SEPARATOR);
const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー々〆ヶ]/u;
const LETTER = /[\p{L}\p{N}\p{M}]/u;
const NON_ASCII = /[\u0080-\uffff]/;
const WHITESPACE = /\s+/;

function classOf(codePoint: number): CharClass {
  if (codePoint < 128) return ASCII_CLASS[codePoint] ?? SEPARATOR;
  const ch = String.fromCodePoint(codePoint);
  if (JAPANESE.test(ch)) return JAPANESE_RUN;
  return LETTER.test(ch) ? WORD : SEPARATOR;
}

/** Width, case and compatibility forms fold together, as in kintone's index. */
export function normalizeForSearch(text: string): string {
  return (NON_ASCII.test(text) ? text.normalize("NFKC") : text).toLowerCase();
}

/** The words the index would hold: Latin words and Japanese runs, in order (for tests and debugging). */
export function tokenize(text: string): string[] {
  const s = normalizeForSearch(text);
  const words: string[] = [];
  let current = "";
  let currentClass = SEPARATOR;
  for (const ch of s) {
    const cls = classOf(ch.codePointAt(0) ?? 0);
    if (cls !== currentClass && current !== "") {
      words.push(current);
      current = "";
    }
    currentClass = cls;
    if (cls !== SEPARATOR) current += ch;
  }
  if (current !== "") words.push(current);
  return words;
}

/** The keywords of a `like` value: split on whitespace (U+3000 included after NFKC). */
export function splitKeywords(value: string): string[] {
  return normalizeForSearch(value)
    .split(WHITESPACE)
    .filter((k) => k !== "");
}

/**
 * Compiles the keywords once; the returned test takes a text already passed through
 * normalizeForSearch. No keyword words at all (`like ""`, `like "-"`) matches every text [L].
 */
export function compileWordSearch(keywords: readonly string[]): (normalizedText: string) => boolean {
  const words = keywords.flatMap((k) => tokenize(k));
  const tests = words.map(wordTest);
  return (text) => {
    for (let i = 0; i < tests.length; i++) {
      const test = tests[i];
      if (test && !test(text)) return false;
    }
    return true;
  };
}

function wordTest(word: string): (text: string) => boolean {
  const cls = classOf(word.codePointAt(0) ?? 0);
  const length = [...word].length;
  // A 2+ character Japanese keyword matches anywhere inside a Japanese run: any occurrence will do.
  if (cls === JAPANESE_RUN && length >= 2) return (text) => text.includes(word);
  // Latin words, and 1-character Japanese keywords, must not continue into more of their own kind.
  return (text) => {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
      if (classBefore(text, at) !== cls && classAfter(text, at + word.length) !== cls) return true;
    }
    return false;
  };
}

function classBefore(text: string, index: number): CharClass {
  if (index <= 0) return SEPARATOR;
  const low = text.charCodeAt(index - 1);
  const isLowSurrogate = low >= 0xdc00 && low <= 0xdfff && index >= 2;
  return classOf(text.codePointAt(isLowSurrogate ? index - 2 : index - 1) ?? 0);
}

function classAfter(text: string, index: number): CharClass {
  return index >= text.length ? SEPARATOR : classOf(text.codePointAt(index) ?? 0);
}
