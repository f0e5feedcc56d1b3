/**
 * Splitting an app's `$id` range into disjoint stripes that are read side by side. cli-kintone reads
 * page after page; reading a few disjoint ranges at once is how we go faster while staying a good kintone
 * citizen (never more than 4 requests in flight per tenant, the gateway enforces it).
 */
export interface Stripe {
  /** Exclusive lower bound: the stripe reads `$id > after`. Advanced as pages are applied (resume point). */
  after: number;
  /** Inclusive upper bound. */
  to: number;
  done: boolean;
}

/** Stripes read side by side: the gateway lets a tenant have 4 requests in flight. */
export const STRIPES = 4;

export function planStripes(minId: number, maxId: number, count: number): Stripe[] {
  if (maxId < minId || maxId <= 0) return [];
  const span = maxId - minId + 1;
  const n = Math.max(1, Math.min(count, Math.ceil(span / 500)));
  // Whole pages per stripe: with dense ids every page but the last of the app is full, so reading costs
  // ceil(N/500) requests and no stripe ends with a short page it did not need.
  const size = Math.ceil(span / n / 500) * 500;
  const stripes: Stripe[] = [];
  for (let i = 0; i < n; i++) {
    const after = minId - 1 + i * size;
    const to = Math.min(maxId, after + size);
    if (after < to) stripes.push({ after, to, done: false });
  }
  return stripes;
}

/** What is left to read once the opening has read the first page from each end of the app (readOpening). */
export interface OpeningRest {
  /** The top page's records to keep: those above this id (the pages overlap below 2 pages of records). */
  keepTopAbove: number;
  /** The ids between the two pages, striped; none when the pages met. */
  stripes: Stripe[];
  /** At most how many records match: exact when the pages met, else the pages plus every id between. */
  most: number;
}

/**
 * The rest after the opening, from the ids of its two pages: `bottom` ascending from the lowest id, `top`
 * descending from the highest, each at most `limit`. A short bottom page held every record; pages that
 * met left nothing between; otherwise the ids strictly between the bottom page's last and the top page's
 * last are striped.
 */
export function afterOpening(bottom: number[], top: number[], limit: number, count: number): OpeningRest {
  const last = bottom.at(-1);
  const lowest = top.at(-1);
  if (last === undefined || bottom.length < limit)
    return { keepTopAbove: Infinity, stripes: [], most: bottom.length };
  // No record matched when the top page was read (deleted meanwhile): what the bottom page holds is all.
  if (lowest === undefined) return { keepTopAbove: last, stripes: [], most: bottom.length };
  if (lowest <= last)
    return { keepTopAbove: last, stripes: [], most: bottom.length + top.filter((id) => id > last).length };
  return {
    keepTopAbove: last,
    stripes: planStripes(last + 1, lowest - 1, count),
    most: bottom.length + top.length + (lowest - last - 1),
  };
}
