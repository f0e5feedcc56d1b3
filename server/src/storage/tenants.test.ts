import { describe, expect, test } from "vitest";
import { isUniqueViolation } from "./errors.ts";
import { STORAGE_KINDS, tenantRow, useTempStorage } from "./testing.ts";

describe.each(STORAGE_KINDS)("on %s", (kind) => {
  const t = useTempStorage(kind);

  describe("tenants", () => {
    test("create, get and list (oldest first)", async () => {
      await t.storage.tenants.create(tenantRow("b", { createdAt: "2026-01-02T00:00:00Z" }));
      const a = await t.storage.tenants.create(tenantRow("a", { createdAt: "2026-01-01T09:00:00+09:00" }));
      // Stored in the one canonical UTC format, whatever the caller's offset.
      expect(a.createdAt).toBe("2026-01-01T00:00:00.000Z");
      expect(await t.storage.tenants.get("a")).toEqual(a);
      expect(await t.storage.tenants.get("missing")).toBeNull();
      expect((await t.storage.tenants.list()).map((x) => x.id)).toEqual(["a", "b"]);
    });

    test("looks a tenant up by its connection key hash or service token hash", async () => {
      await t.storage.tenants.create(tenantRow("a"));
      await t.storage.tenants.create(tenantRow("b"));
      expect((await t.storage.tenants.findByConnectionKeyHash("ck-b"))?.id).toBe("b");
      expect((await t.storage.tenants.findByServiceTokenHash("st-a"))?.id).toBe("a");
      // A connection key is not a service token: the two lookups never cross.
      expect(await t.storage.tenants.findByServiceTokenHash("ck-a")).toBeNull();
      expect(await t.storage.tenants.findByConnectionKeyHash("nope")).toBeNull();
    });

    test("hashes are unique", async () => {
      await t.storage.tenants.create(tenantRow("a"));
      const error = await t.storage.tenants
        .create(tenantRow("b", { connectionKeyHash: "ck-a" }))
        .catch((e) => e);
      expect(isUniqueViolation(error)).toBe(true);
    });
  });
});
