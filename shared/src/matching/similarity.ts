/** Character bigrams with their counts: Dice over multisets, so "ささき" and "さき" are not over-counted. */
function bigrams(text: string): Map<string, number> {
  const chars = [...text];
  const counts = new Map<string, number>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const pair = `${chars[i]}${chars[i + 1]}`;
    counts.set(pair, (counts.get(pair) ?? 0) + 1);
  }
  return counts;
}

/**
 * Sørensen–Dice over character bigrams, 0–1. Japanese names have no word boundaries, so bigrams rather than
 * words. A one-character string has no bigram; it falls back to its share of the other string's length.
 */
export function dice(a: string, b: string): number {
  if (a === b) return a === "" ? 0 : 1;
  const lengthA = [...a].length;
  const lengthB = [...b].length;
  if (lengthA < 2 || lengthB < 2) {
    const shorter = lengthA < lengthB ? a : b;
    const longer = shorter === a ? b : a;
    return shorter !== "" && longer.includes(shorter)
      ? Math.min(lengthA, lengthB) / Math.max(lengthA, lengthB)
      : 0;
  }
  const countsA = bigrams(a);
  const countsB = bigrams(b);
  let shared = 0;
  for (const [pair, count] of countsA) shared += Math.min(count, countsB.get(pair) ?? 0);
  return (2 * shared) / (lengthA - 1 + (lengthB - 1));
}

/** Partial match (SPEC L1): one normalized string inside the other, scored by how much they overlap. */
export function containmentScore(query: string, value: string): number {
  if (query === "" || value === "") return 0;
  return value.includes(query) || query.includes(value) ? dice(query, value) : 0;
}
