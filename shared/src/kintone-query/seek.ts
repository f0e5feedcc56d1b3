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
  assertLimit(limit);
  const bound = `$id > ${id} order by $id asc limit ${limit}`;
  const trimmed = condition?.trim() ?? "";
  return trimmed === "" ? bound : `(${trimmed}) and ${bound}`;
}

/**
 * The page of the highest `$id`s matching the condition, highest first: with the first page of a seek, how
 * a read opens from both ends of an app without knowing its id bounds (the import's opening).
 */
export function topQuery({ condition, limit }: Omit<SeekQueryOptions, "afterId">): string {
  assertLimit(limit);
  const order = `order by $id desc limit ${limit}`;
  const trimmed = condition?.trim() ?? "";
  return trimmed === "" ? order : `${trimmed} ${order}`;
}

function assertLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_RECORDS_PER_READ) {
    throw new RangeError(`limit must be 1–${MAX_RECORDS_PER_READ}, got ${limit}`);
  }
}
