import { describe, expect, test } from "vitest";
import { Limiter } from "./limiter.ts";
import { backoffDelay, withRetry } from "./retry.ts";

describe("backoffDelay", () => {
  const policy = { attempts: 6, baseMs: 100, capMs: 1000 };
  test.each([
    [1, 1, 99],
    [2, 1, 199],
    [3, 1, 399],
    [5, 1, 999],
    [9, 1, 999],
    [3, 0, 0],
  ])("attempt %i with random %f waits %i ms (full jitter, capped)", (attempt, random, expected) => {
    expect(backoffDelay(policy, attempt, () => (random === 1 ? 0.9999999 : random))).toBe(expected);
  });
});

describe("withRetry", () => {
  test("retries retryable failures, then succeeds", async () => {
    let calls = 0;
    const waits: number[] = [];
    const result = await withRetry(
      async () => {
        calls++;
        if (calls < 3) throw new Error("503");
        return "ok";
      },
      () => true,
      { attempts: 5, baseMs: 10, capMs: 100 },
      async (ms) => {
        waits.push(ms);
      },
    );
    expect(result).toBe("ok");
    expect(calls).toBe(3);
    expect(waits).toHaveLength(2);
  });

  test("gives up after the last attempt and never retries a permanent error", async () => {
    let calls = 0;
    const fail = () =>
      withRetry(
        async () => {
          calls++;
          throw new Error("boom");
        },
        (e) => (e as Error).message === "boom" && calls < 100,
        { attempts: 3, baseMs: 1, capMs: 1 },
        async () => {},
      );
    await expect(fail()).rejects.toThrow("boom");
    expect(calls).toBe(3);
    calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new Error("permanent");
        },
        () => false,
      ),
    ).rejects.toThrow("permanent");
    expect(calls).toBe(1);
  });
});

describe("Limiter", () => {
  test("never runs more than its limit at once", async () => {
    const limiter = new Limiter(4);
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        limiter.run(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 5));
          running--;
        }),
      ),
    );
    expect(peak).toBe(4);
    expect(limiter.peak).toBe(4);
  });
});
