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
