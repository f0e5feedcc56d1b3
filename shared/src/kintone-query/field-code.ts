/**
 * kintone has no quoted identifiers (backquotes are plain characters), so a field code goes into a query
 * bare. A code holding a character that ends a bare word would silently change the query's meaning.
 */
const BREAKS_BARE_WORD = /[\s"'`\\(),=!<>\p{Cc}]/u;

export function isQueryableFieldCode(code: string): boolean {
  return code.length > 0 && !BREAKS_BARE_WORD.test(code);
}

/** Returns the code unchanged, or throws: a bad code is a programming or settings error, never data. */
export function assertFieldCode(code: string): string {
  if (!isQueryableFieldCode(code)) {
    throw new TypeError(`Field code ${JSON.stringify(code)} cannot be used in a kintone query`);
  }
  return code;
}
