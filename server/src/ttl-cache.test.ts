import { describe, expect, test } from "vitest";
import { TtlCache } from "./ttl-cache.ts";

describe("TtlCache", () => {
  test("loads once within the TTL, again after it, and keeps at most `max` entries", async () => {
    let now = 0;
    let loads = 0;
    const cache = new TtlCache<number>(1000, 2, () => now);
    const load = async () => ++loads;
    expect(await cache.get("a", load)).toBe(1);
    expect(await cache.get("a", load)).toBe(1);
    now = 1001;
    expect(await cache.get("a", load)).toBe(2);
    await cache.get("b", load);
    await cache.get("c", load);
    expect(await cache.get("a", load)).toBe(5);
  });
});
