/**
 * SPEC I7 normalization: NFKC (full-width letters and digits, half-width kana, the ideographic space become
 * their plain forms), trimmed, and every run of white space, line breaks included, one space. Case and
 * company suffixes are kept: they belong to the candidate ranking, not to identity.
 */
export function normalizeText(text: string): string {
  const normalized = text.normalize("NFKC");
  // Most names hold no white space but single spaces, and need no replacing: testing is cheaper (issue 16).
  return (NEEDS_SPACING.test(normalized) ? normalized.replace(WHITE_SPACE_RUN, " ") : normalized).trim();
}

const WHITE_SPACE_RUN = /\s+/gu;
/** Two white-space characters in a row, or one that is not U+0020: what WHITE_SPACE_RUN would change. */
const NEEDS_SPACING = /\s\s|[^\S ]/u;

/**
 * The I7 identity of an FA customer: normalized name and company. JSON joins them so no pair can collide
 * with another ("a b" + "c" is not "a" + "b c"), whatever characters the names hold.
 */
export function identityKey(name: string, company: string): string {
  return JSON.stringify([normalizeText(name), normalizeText(company)]);
}
