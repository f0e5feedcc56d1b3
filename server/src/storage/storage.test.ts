import { describe, expect, test } from "vitest";
import { customerInput, STORAGE_KINDS, tenantRow, useTempStorage } from "./testing.ts";

describe.each(STORAGE_KINDS)("on %s", (kind) => {
  const t = useTempStorage(kind);

  describe("Storage", () => {
    test("ping answers true while open", async () => {
      expect(await t.storage.ping()).toBe(true);
    });

    test("transaction commits when the function resolves", async () => {
      await t.storage.transaction(async (tx) => {
        await tx.tenants.create(tenantRow("t1"));
        await tx.customers.create(customerInput("t1", 1, { id: "c1" }));
      });
      expect(await t.storage.customers.get("t1", "c1")).not.toBeNull();
    });

    test("transaction rolls everything back when the function throws, including nested repository transactions", async () => {
      await expect(
        t.storage.transaction(async (tx) => {
          await tx.tenants.create(tenantRow("t1"));
          await tx.customers.applyImportBatch("t1", {
            creates: [customerInput("t1", 1, { id: "c1" })],
            updates: [],
          });
          await tx.transaction(async (inner) => inner.requestCounts.add("t1", "14", "2026-01-01", 1));
          throw new Error("boom");
        }),
      ).rejects.toThrow("boom");
      expect(await t.storage.tenants.get("t1")).toBeNull();
      expect(await t.storage.tenants.list()).toEqual([]);
    });
  });
});
