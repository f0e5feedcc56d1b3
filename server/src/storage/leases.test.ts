import { describe, expect, test } from "vitest";
import { STORAGE_KINDS, useTempStorage } from "./testing.ts";

describe.each(STORAGE_KINDS)("leases on %s", (kind) => {
  const t = useTempStorage(kind, ["t1"]);
  const at = (s: number) => new Date(Date.parse("2026-01-01T00:00:00.000Z") + s * 1000).toISOString();

  test("a free name is taken; a held one is not, not even by its own holder; an ended one is taken over", async () => {
    const { leases } = t.storage;
    expect(await leases.take("scheduler", "p1", at(0), at(10))).toBe(true);
    expect(await leases.take("scheduler", "p2", at(5), at(15))).toBe(false);
    expect(await leases.take("scheduler", "p1", at(5), at(15))).toBe(false);
    expect(await leases.take("scheduler", "p2", at(10), at(20))).toBe(true);
    // p1's renewal finds the lease lost to p2.
    expect(await leases.renew(["scheduler"], "p1", at(30))).toEqual([]);
    expect(await leases.renew(["scheduler"], "p2", at(30))).toEqual(["scheduler"]);
    expect(await leases.take("scheduler", "p3", at(25), at(40))).toBe(false);
  });

  test("release gives back only the holder's leases", async () => {
    const { leases } = t.storage;
    await leases.take("a", "p1", at(0), at(60));
    await leases.take("b", "p2", at(0), at(60));
    await leases.release(["a", "b"], "p1");
    expect(await leases.take("a", "p3", at(1), at(60))).toBe(true);
    expect(await leases.take("b", "p3", at(1), at(60))).toBe(false);
  });

  test("takeAny hands out each slot once, then nothing until one is given back", async () => {
    const { leases } = t.storage;
    const slots = ["s0", "s1", "s2"];
    expect(await leases.takeAny(slots, "p1", at(0), at(60))).toBe("s0");
    expect(await leases.takeAny(slots, "p2", at(0), at(60))).toBe("s1");
    expect(await leases.takeAny(slots, "p1", at(0), at(60))).toBe("s2");
    expect(await leases.takeAny(slots, "p3", at(0), at(60))).toBeNull();
    await leases.release(["s1"], "p2");
    expect(await leases.takeAny(slots, "p3", at(0), at(60))).toBe("s1");
    // A dead holder's slots come back when their lease ends.
    expect(await leases.takeAny(slots, "p3", at(61), at(120))).toBe("s0");
  });

  test("racing takers (separate connections on PostgreSQL): exactly one wins each name", async () => {
    const { leases } = t.storage;
    const names = ["n0", "n1", "n2", "n3"];
    const outcomes = await Promise.all(
      Array.from({ length: 24 }, (_, i) => leases.takeAny(names, `p${i}`, at(0), at(60))),
    );
    const won = outcomes.filter((name) => name !== null);
    expect(won.sort()).toEqual(names);
  });
});
