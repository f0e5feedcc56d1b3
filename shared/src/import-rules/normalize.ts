/**
 * SPEC I7 normalization: NFKC (full-width letters and digits, half-width kana, the ideographic space become
 * their plain forms), trimmed, and every run of white space, line breaks included, one space. Case and
 * company suffixes are kept: they belong to the candidate ranking, not to identity.
 */
export function normalizeText(text: string): string {
  return text.normalize("NFKC").replace(/\s+/gu, " ").trim();
}

/**
 * The I7 identity of an FA customer: normalized name and company. JSON joins them so no pair can collide
 * with another ("a b" + "c" is not "a" + "b c"), whatever characters the names hold.
 */
export function identityKey(name: string, company: string): string {
  return JSON.stringify([normalizeText(name), normalizeText(company)]);
}
