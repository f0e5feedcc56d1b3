// SQLite only: the write lock one file's connections share. With the jobs in a worker thread, the thread
// that accepts events must wait for the jobs thread's lock without blocking its event loop.
import { afterEach, beforeEach, expect, test } from "vitest";
import { openStorage, type Storage } from "./index.ts";
import { openTempStorage, type TempStorage, tenantRow } from "./testing.ts";

let t: TempStorage;
let other: Storage;
beforeEach(async () => {
  t = await openTempStorage("sqlite");
  other = await openStorage({ dataDir: t.dataDir });
});
afterEach(async () => {
  await other.close();
  await t.dispose();
});

test("a write that finds the lock taken waits for it asynchronously: the event loop keeps turning", async () => {
  let release = () => {};
  const held = t.storage.transaction(async (tx) => {
    await tx.tenants.create(tenantRow("t1"));
    await new Promise<void>((resolve) => {
      release = resolve;
    });
  });
  const started = Date.now();
  const write = other.tenants.create(tenantRow("t2"));
  // Timers still fire while the write waits (a busy handler sleeping inside the call would stop them).
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  await new Promise((resolve) => setTimeout(resolve, 60));
  clearInterval(timer);
  expect(ticks).toBeGreaterThanOrEqual(5);
  release();
  await held;
  await write;
  expect(Date.now() - started).toBeLessThan(2_000);
  expect((await other.tenants.list()).map((row) => row.id).sort()).toEqual(["t1", "t2"]);
});

test("a transaction that finds the lock taken starts once it is given back", async () => {
  let release = () => {};
  const held = t.storage.transaction(async (tx) => {
    await tx.tenants.create(tenantRow("t1"));
    await new Promise<void>((resolve) => {
      release = resolve;
    });
  });
  const second = other.transaction((tx) => tx.tenants.create(tenantRow("t2")));
  setTimeout(() => release(), 30);
  await Promise.all([held, second]);
  expect(await t.storage.tenants.list()).toHaveLength(2);
});
