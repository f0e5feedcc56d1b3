/**
 * A kintone query string literal. kintone knows four escapes (`\"`, `\\`, `\t`, `\n`) and answers a raw
 * tab or line break inside a literal with a syntax error (CB_VA01), so those are escaped too; a carriage
 * return has no escape, and kintone stores line breaks as LF, so CR LF and a lone CR become `\n`.
 */
export function quote(value: string): string {
  const escaped = value
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/\r\n?/g, "\n")
    .replace(/\t/g, "\\t")
    .replace(/\n/g, "\\n");
  return `"${escaped}"`;
}
