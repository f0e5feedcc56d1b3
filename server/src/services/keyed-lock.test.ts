import { describe, expect, test } from "vitest";
import { KeyedLock } from "./keyed-lock.ts";

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("KeyedLock", () => {
  test("one key runs one task at a time, in order; other keys run alongside", async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const task = (name: string, ms: number) => async () => {
      log.push(`${name}+`);
      await tick(ms);
      log.push(`${name}-`);
      return name;
    };
    const results = await Promise.all([
      lock.run("t1", task("a", 20)),
      lock.run("t1", task("b", 1)),
      lock.run("t2", task("c", 5)),
    ]);
    expect(results).toEqual(["a", "b", "c"]);
    expect(log.indexOf("a-")).toBeLessThan(log.indexOf("b+"));
    expect(log.indexOf("c-")).toBeLessThan(log.indexOf("a-"));
    expect(lock.size).toBe(0);
  });

  test("a failed task passes its error to its caller and does not block the next", async () => {
    const lock = new KeyedLock();
    const failed = lock.run("t1", async () => {
      throw new Error("kintone refused");
    });
    const next = lock.run("t1", async () => "ran");
    await expect(failed).rejects.toThrow("kintone refused");
    await expect(next).resolves.toBe("ran");
  });
});
