/**
 * Splits a list for `in (…)` lists and multi-row inserts: SQLite allows 32,766 bound parameters per
 * statement and PostgreSQL 65,535, so batches stay far below both.
 */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
