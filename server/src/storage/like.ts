/** The character that escapes `%`, `_` and itself in LIKE patterns (paired with `escape '\'` in SQL). */
export const LIKE_ESCAPE = "\\";

/**
 * A substring pattern for `lower(column) like lower(pattern) escape '\'`. Case is folded in SQL on both
 * sides, never here: SQLite's lower() folds ASCII only and PostgreSQL's all of Unicode, and folding each
 * side with a different function would miss exact matches (a full-width "Ａ" typed as stored).
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `${LIKE_ESCAPE}${c}`)}%`;
}
