/**
 * JSON.parse of a kintone answer, cheaper for a records page (issue 16). A 500-record page is ~280 kB of
 * UTF-8; decoded whole it becomes one string too large for V8's young generation, and allocating, filling
 * and collecting such strings (the decoded text, then the parse of it) cost the import's jobs thread more
 * than the parse itself: ~0.8 s per 100,000 template records against ~0.5 s when the records array is
 * decoded and parsed in ~32 kB groups of records (server/bench/page-cpu.ts).
 *
 * Only an answer that starts as kintone writes one, `{"records":[`, is cut; anything else, and any answer
 * one of whose pieces does not parse, is parsed whole, so the result (or the SyntaxError) is always
 * JSON.parse's. Where the cuts fall needs no proof: if `[A]` and `[B]` are both JSON arrays then `[A,B]`
 * is the array of their elements, so pieces cut at commas that each parse give the whole array. A cut at
 * a comma that is not between two records (inside a string, or between a subtable's rows) leaves a piece
 * that does not parse, and the answer is parsed whole.
 */
export function parseJsonBody(body: Buffer): unknown {
  try {
    const parsed = parseRecordsAnswer(body);
    if (parsed !== null) return parsed;
  } catch {
    // A piece that does not parse: parsed whole again below, for JSON.parse's own result or error.
  }
  return JSON.parse(body.toString("utf8"));
}

const OPENING = Buffer.from('{"records":[');
/** Bytes of records decoded and parsed at once: well under V8's large-object size (128 kB) as UTF-16. */
const GROUP_BYTES = 32 * 1024;

/**
 * The answer with its records parsed group by group, or null when its shape is not the one expected. A
 * group ends before a record that starts as the first one does: `},{"<its first field code>":`, found by
 * a byte search (the codes and the punctuation are the same bytes in UTF-8 whatever the text around).
 */
export function parseRecordsAnswer(body: Buffer): { records: unknown[] } | null {
  const start = OPENING.length;
  if (body.length <= start || !body.subarray(0, start).equals(OPENING)) return null;
  const end = body.lastIndexOf("]");
  if (end < start) return null;
  const tail = body.toString("utf8", end + 1);
  // A second "records" key would win over the first in JSON.parse: such an answer is parsed whole.
  if (tail.includes('"records"')) return null;
  const records: unknown[] = [];
  const boundary = recordBoundary(body, start);
  let group = start;
  while (boundary !== null && group + GROUP_BYTES < end) {
    const next = body.indexOf(boundary, group + GROUP_BYTES);
    if (next < 0 || next >= end) break;
    const comma = next + 1;
    parseGroup(body, group, comma, records);
    group = comma + 1;
  }
  parseGroup(body, group, end, records);
  const answer = JSON.parse(`{"records":[]${tail}`) as { records: unknown[] };
  answer.records = records;
  return answer;
}

/** `},{"code":` for the first record's first field code, or null when the first record is not an object. */
function recordBoundary(body: Buffer, start: number): Buffer | null {
  if (body[start] !== 0x7b || body[start + 1] !== 0x22) return null;
  const close = body.indexOf('":', start + 2);
  if (close < 0) return null;
  return Buffer.concat([Buffer.from("},"), body.subarray(start, close + 2)]);
}

/** Parses the array elements between `from` and `to` (exclusive) and appends them to `into`. */
function parseGroup(body: Buffer, from: number, to: number, into: unknown[]): void {
  const elements = JSON.parse(`[${body.toString("utf8", from, to)}]`) as unknown[];
  for (const element of elements) into.push(element);
}
