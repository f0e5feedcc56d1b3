/** Exponential back-off with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"). */
export interface BackoffPolicy {
  attempts: number;
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { attempts: 6, baseMs: 250, capMs: 15_000 };

/** The wait before retry number `attempt` (1-based): random in [0, min(cap, base·2^(attempt-1))]. */
export function backoffDelay(
  policy: BackoffPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work`, retrying while `isRetryable(error)` says so. kintone asks clients to back off on 429 and on
 * 503 maintenance; hammering makes both worse for every other integration on the same domain.
 */
export async function withRetry<T>(
  work: () => Promise<T>,
  isRetryable: (error: unknown) => boolean,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  sleep: Sleep = realSleep,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= policy.attempts || !isRetryable(error)) throw error;
      await sleep(backoffDelay(policy, attempt));
    }
  }
}
