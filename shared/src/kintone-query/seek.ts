/** kintone refuses `limit` above 500 (GAIA_QU01). */
export const MAX_RECORDS_PER_READ = 500;

export interface SeekQueryOptions {
  /** A complete kintone condition, already escaped; empty or absent reads every record. */
  condition?: string | undefined;
  /** The last `$id` already read; 0 (or "0") to start. */
  afterId: string | number;
  limit: number;
}

/**
 * One page of a seek by `$id`, the scan kintone recommends over `offset` (capped at 10,000). The condition
 * is parenthesised so an `or` inside it cannot swallow the `$id` bound.
 */
export function seekQuery({ condition, afterId, limit }: SeekQueryOptions): string {
  const id = String(afterId);
  if (!/^(0|[1-9][0-9]*)$/.test(id)) throw new RangeError(`afterId must be a record id, got ${id}`);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_RECORDS_PER_READ) {
    throw new RangeError(`limit must be 1–${MAX_RECORDS_PER_READ}, got ${limit}`);
  }
  const bound = `$id > ${id} order by $id asc limit ${limit}`;
  const trimmed = condition?.trim() ?? "";
  return trimmed === "" ? bound : `(${trimmed}) and ${bound}`;
}
