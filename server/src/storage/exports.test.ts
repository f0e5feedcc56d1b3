import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { BUDGET_DEFERRED_REASON } from "./exports.ts";
import type { Storage } from "./storage.ts";
import { openTempStorage, STORAGE_KINDS, tenantRow } from "./testing.ts";

describe.each(STORAGE_KINDS)("on %s", (kind) => {
  let storage: Storage;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    const temp = await openTempStorage(kind);
    storage = temp.storage;
    cleanup = temp.dispose;
    await storage.tenants.create(tenantRow("t1"));
    await storage.tenants.create(tenantRow("t2"));
  });
  afterEach(() => cleanup());

  const event = (eventId: string) => ({ eventId, minutes: { summary: "要約", body: "本文" } });

  describe("exports", () => {
    test("the same eventId gives the stored export back, never a second one, even when delivered at once", async () => {
      const results = await Promise.all(
        ["e1", "e2", "e3"].map((id) =>
          storage.exports.createOrGet({
            id,
            tenantId: "t1",
            eventId: "evt-1",
            event: event("evt-1"),
            createdAt: "2026-11-24T09:00:00Z",
          }),
        ),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.export.id)).size).toBe(1);
      expect(results[0]?.export).toMatchObject({
        eventId: "evt-1",
        status: "queued",
        event: event("evt-1"),
        attempts: 0,
      });
      // Another tenant may use the same event id.
      expect(
        (
          await storage.exports.createOrGet({
            id: "x",
            tenantId: "t2",
            eventId: "evt-1",
            event: event("evt-1"),
            createdAt: "2026-11-24T09:00:00Z",
          })
        ).created,
      ).toBe(true);
    });

    test("update keeps the reason as a code with parameters and counts attempts; counts group by status", async () => {
      const { export: made } = await storage.exports.createOrGet({
        id: "a",
        tenantId: "t1",
        eventId: "evt-a",
        event: event("evt-a"),
        createdAt: "2026-11-24T09:00:00Z",
      });
      await storage.exports.update("t1", made.id, {
        status: "failed",
        reason: { code: "EXPORT_KINTONE_REJECTED", params: { kintoneCode: "CB_VA01" } },
        attempted: true,
        at: "2026-11-24T09:01:00Z",
      });
      await storage.exports.update("t1", made.id, {
        status: "needs_review",
        customerId: "c1",
        reason: null,
        attempted: true,
        at: "2026-11-24T09:02:00Z",
      });
      const got = await storage.exports.get("t1", made.id);
      expect(got).toMatchObject({
        status: "needs_review",
        customerId: "c1",
        reason: null,
        attempts: 2,
        updatedAt: "2026-11-24T09:02:00.000Z",
      });
      await storage.exports.update("t1", made.id, {
        status: "failed",
        reason: { code: "EXPORT_KINTONE_REJECTED", params: { kintoneCode: "CB_VA01" } },
        at: "2026-11-24T09:03:00Z",
      });
      expect((await storage.exports.get("t1", made.id))?.reason).toEqual({
        code: "EXPORT_KINTONE_REJECTED",
        params: { kintoneCode: "CB_VA01" },
      });
      expect(await storage.exports.counts("t1")).toEqual({
        queued: 0,
        written: 0,
        skipped: 0,
        needs_review: 0,
        failed: 1,
        deferred: 0,
      });
      expect(await storage.exports.get("t2", made.id)).toBeNull();
    });

    test("counts: of the queued, those deferred by the daily budget (their reason) are counted apart", async () => {
      const reasons = [BUDGET_DEFERRED_REASON, BUDGET_DEFERRED_REASON, null, "EXPORT_USER_NOT_MAPPED"];
      for (const [i, code] of reasons.entries()) {
        await storage.exports.createOrGet({
          id: `d${i}`,
          tenantId: "t1",
          eventId: `evt-d${i}`,
          event: event(`d${i}`),
          createdAt: "2026-11-24T09:00:00Z",
        });
        await storage.exports.update("t1", `d${i}`, {
          status: code === "EXPORT_USER_NOT_MAPPED" ? "failed" : "queued",
          reason: code ? { code, params: {} } : null,
          at: "2026-11-24T09:01:00Z",
        });
      }
      expect(await storage.exports.counts("t1")).toMatchObject({ queued: 3, failed: 1, deferred: 2 });
      expect((await storage.exports.counts("t2")).deferred).toBe(0);
    });

    test("waitingFor finds the needs_review exports of one customer", async () => {
      for (const id of ["a", "b", "c"]) {
        await storage.exports.createOrGet({
          id,
          tenantId: "t1",
          eventId: `evt-${id}`,
          event: event(id),
          createdAt: "2026-11-24T09:00:00Z",
        });
      }
      await storage.exports.update("t1", "a", {
        status: "needs_review",
        customerId: "c1",
        at: "2026-11-24T09:00:00Z",
      });
      await storage.exports.update("t1", "b", {
        status: "needs_review",
        customerId: "c2",
        at: "2026-11-24T09:00:00Z",
      });
      await storage.exports.update("t1", "c", {
        status: "written",
        customerId: "c1",
        at: "2026-11-24T09:00:00Z",
      });
      expect((await storage.exports.waitingFor("t1", "c1")).map((e) => e.id)).toEqual(["a"]);
    });
  });

  describe("Front Agent users", () => {
    test("put inserts or replaces; list is per tenant, by id", async () => {
      await storage.users.put("t1", {
        id: "u-2",
        name: "佐藤 花子",
        email: "sato@example.co.jp",
        updatedAt: "2026-11-24T09:00:00Z",
      });
      await storage.users.put("t1", {
        id: "u-1",
        name: "山田",
        email: "old@example.co.jp",
        updatedAt: "2026-11-24T09:00:00Z",
      });
      await storage.users.put("t1", {
        id: "u-1",
        name: "山田 太郎",
        email: "yamada@example.co.jp",
        updatedAt: "2026-11-24T10:00:00Z",
      });
      await storage.users.put("t2", {
        id: "u-9",
        name: "別テナント",
        email: "x@example.com",
        updatedAt: "2026-11-24T09:00:00Z",
      });
      expect((await storage.users.list("t1")).map((u) => [u.id, u.name, u.email])).toEqual([
        ["u-1", "山田 太郎", "yamada@example.co.jp"],
        ["u-2", "佐藤 花子", "sato@example.co.jp"],
      ]);
      expect(await storage.users.get("t2", "u-1")).toBeNull();
    });
  });
});
