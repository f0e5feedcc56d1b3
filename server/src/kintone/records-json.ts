/**
 * JSON.parse of a kintone answer, cheaper for a records page (issue 16). A 500-record page is ~280 kB of
 * UTF-8; decoded whole it becomes one string too large for V8's young generation, and allocating, filling
 * and collecting such strings (the decoded text, then the parse of it) cost the import's jobs thread more
 * than the parse itself: ~0.8 s per 100,000 template records against ~0.5 s when the records array is cut
 * at its top-level commas into ~32 kB groups, each decoded and parsed on its own (server/bench/page-cpu.ts).
 * Only an answer that starts as kintone writes one, `{"records":[`, is cut; anything else, and anything the
 * cutting does not follow, is parsed whole, so the result (or the SyntaxError) is always JSON.parse's.
 */
export function parseJsonBody(body: Buffer): unknown {
  try {
    const parsed = parseRecordsAnswer(body);
    if (parsed !== null) return parsed;
  } catch {
    // Invalid JSON: parsed whole again below, for JSON.parse's own error.
  }
  return JSON.parse(body.toString("utf8"));
}

const OPENING = Buffer.from('{"records":[');
/** Bytes of records decoded and parsed at once: well under V8's large-object size (128 kB) as UTF-16. */
const GROUP_BYTES = 32 * 1024;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * The answer with its records parsed group by group, or null when its shape is not the one expected.
 * Structural characters are ASCII and never part of a multi-byte UTF-8 sequence, so the bytes can be cut
 * without decoding them; only strings must be skipped, and a quote ends one unless an odd number of
 * backslashes precede it.
 */
export function parseRecordsAnswer(body: Buffer): { records: unknown[] } | null {
  const start = OPENING.length;
  if (body.length <= start || !body.subarray(0, start).equals(OPENING)) return null;
  const records: unknown[] = [];
  let group = start;
  let depth = 0;
  for (let i = start; i < body.length; i++) {
    const c = body[i];
    if (c === QUOTE) {
      i = closingQuote(body, i);
      if (i < 0) return null;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (depth > 0) {
        depth--;
        continue;
      }
      if (c !== CLOSE_BRACKET) return null;
      parseGroup(body, group, i, records);
      const tail = body.toString("utf8", i + 1);
      // A second "records" key would win over the first in JSON.parse: such an answer is parsed whole.
      if (tail.includes('"records"')) return null;
      const answer = JSON.parse(`{"records":[]${tail}`) as { records: unknown[] };
      answer.records = records;
      return answer;
    } else if (c === COMMA && depth === 0 && i - group >= GROUP_BYTES) {
      parseGroup(body, group, i, records);
      group = i + 1;
    }
  }
  return null;
}

/** The position of the quote that ends the string opened at `open`, or -1. */
function closingQuote(body: Buffer, open: number): number {
  let quote = body.indexOf(QUOTE, open + 1);
  while (quote > 0) {
    let backslashes = 0;
    while (body[quote - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote;
    quote = body.indexOf(QUOTE, quote + 1);
  }
  return -1;
}

/** Parses the array elements between `from` and `to` (exclusive) and appends them to `into`. */
function parseGroup(body: Buffer, from: number, to: number, into: unknown[]): void {
  const elements = JSON.parse(`[${body.toString("utf8", from, to)}]`) as unknown[];
  for (const element of elements) into.push(element);
}
