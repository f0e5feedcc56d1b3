import { describe, expect, test } from "vitest";
import {
  NEW_CUSTOMER_COLUMNS,
  NEW_CUSTOMER_OWN_COLUMNS,
  NEW_CUSTOMER_SHARED_COLUMNS,
  newCustomerColumns,
} from "./customer-rows.ts";
import { isUniqueViolation } from "./errors.ts";
import { customerInput, link, STORAGE_KINDS, useTempStorage } from "./testing.ts";

describe("the import's insert values", () => {
  test("name every column of a new customer once: shared, own, and the unlink mark left null", () => {
    expect([...NEW_CUSTOMER_COLUMNS].sort()).toEqual(
      Object.keys(newCustomerColumns("t1", customerInput("t1", 1))).sort(),
    );
    expect(new Set(NEW_CUSTOMER_COLUMNS).size).toBe(NEW_CUSTOMER_COLUMNS.length);
    expect(NEW_CUSTOMER_COLUMNS.filter((c) => !["unlinked_reason", "unlinked_at"].includes(c))).toEqual([
      ...NEW_CUSTOMER_SHARED_COLUMNS,
      ...NEW_CUSTOMER_OWN_COLUMNS,
    ]);
  });
});

describe.each(STORAGE_KINDS)("on %s", (kind) => {
  const t = useTempStorage(kind, ["t1", "t2"]);

  const at = "2026-03-01T00:00:00.000Z";

  describe("customers.applyImportBatch", () => {
    test("creates and updates in one call; updates change only the given fields and (re)link", async () => {
      await t.storage.customers.create(
        customerInput("t1", 1, { id: "linked", kintone: link("1"), department: "営業部" }),
      );
      await t.storage.customers.create(customerInput("t1", 2, { id: "unlinked" }));
      const creates = Array.from({ length: 500 }, (_, i) =>
        customerInput("t1", 100 + i, { id: `new-${i}`, kintone: link(String(100 + i)) }),
      );

      const result = await t.storage.customers.applyImportBatch("t1", {
        creates,
        updates: [
          { id: "linked", name: "Renamed", kintone: { ...link("1"), revision: "2" }, updatedAt: at },
          { id: "unlinked", kintone: link("2"), updatedAt: at },
        ],
      });

      expect(result).toEqual({ created: 500, updated: 2 });
      expect(await t.storage.customers.counts("t1")).toEqual({ total: 502, linked: 502 });
      const linked = await t.storage.customers.get("t1", "linked");
      expect(linked).toMatchObject({ name: "Renamed", department: "営業部", updatedAt: at });
      expect(linked?.kintone?.revision).toBe("2");
      expect((await t.storage.customers.get("t1", "unlinked"))?.kintone?.recordId).toBe("2");
      expect((await t.storage.customers.get("t1", "new-499"))?.kintone?.recordId).toBe("599");
    });

    test("updates of different shapes in one batch each set only their fields; a repeated id is merged", async () => {
      for (let i = 0; i < 3; i++) await t.storage.customers.create(customerInput("t1", i, { id: `c${i}` }));
      await t.storage.customers.unlink("t1", ["c2"], "manual", "2026-02-01T00:00:00Z");
      await t.storage.customers.applyImportBatch("t1", {
        creates: [],
        updates: [
          { id: "c0", name: "N0", kintone: link("100"), updatedAt: at },
          { id: "c1", email: "e1@example.com", phone: "03", kintone: link("101"), updatedAt: at },
          { id: "c0", company: "C0", kintone: link("100"), updatedAt: at },
          { id: "c2", kintone: link("102"), updatedAt: at },
        ],
      });
      expect(await t.storage.customers.get("t1", "c0")).toMatchObject({
        name: "N0",
        company: "C0",
        email: "user0@example.com",
      });
      expect(await t.storage.customers.get("t1", "c1")).toMatchObject({
        name: "Name 1",
        email: "e1@example.com",
        phone: "03",
      });
      // Linked again by the import: the earlier unlink mark goes.
      expect(await t.storage.customers.get("t1", "c2")).toMatchObject({
        kintone: link("102"),
        unlinked: null,
      });
    });

    test("creates of other apps and times in one batch are each stored with their own, as create stores them", async () => {
      const later = "2026-03-05T10:00:00+09:00";
      // Each create differs from the one before it in one shared value only.
      const creates = [
        customerInput("t1", 1, { id: "a", kintone: link("1") }),
        customerInput("t1", 2, { id: "e", kintone: link("2"), createdAt: later }),
        customerInput("t1", 3, { id: "f", kintone: link("3"), createdAt: later, updatedAt: at }),
        customerInput("t1", 4, { id: "c", kintone: link("1", "99"), createdAt: later, updatedAt: at }),
        customerInput("t1", 5, {
          id: "d",
          kintone: null,
          createdAt: later,
          updatedAt: at,
          department: "営業部",
        }),
        customerInput("t1", 6, { id: "g", kintone: link("6") }),
        customerInput("t1", 7, { id: "h", kintone: link("7") }),
      ];
      await t.storage.customers.applyImportBatch("t1", { creates, updates: [] });
      for (const [i, customer] of creates.entries()) {
        // The same customer made by create, in the other tenant: every field but the tenant equal.
        await t.storage.customers.create({ ...customer, tenantId: "t2", id: `t2-${i}` });
        const made = await t.storage.customers.get("t2", `t2-${i}`);
        const imported = await t.storage.customers.get("t1", customer.id as string);
        expect(imported).toEqual({ ...made, id: customer.id, tenantId: "t1" });
      }
      expect((await t.storage.customers.get("t1", "e"))?.createdAt).toBe("2026-03-05T01:00:00.000Z");
      expect((await t.storage.customers.get("t1", "f"))?.updatedAt).toBe(at);
      expect((await t.storage.customers.get("t1", "c"))?.kintone?.appId).toBe("99");
      expect((await t.storage.customers.get("t1", "d"))?.kintone).toBeNull();
    });

    test("more updates than one statement takes", async () => {
      const creates = Array.from({ length: 1100 }, (_, i) => customerInput("t1", i, { id: `c${i}` }));
      for (let i = 0; i < creates.length; i += 500) {
        await t.storage.customers.applyImportBatch("t1", { creates: creates.slice(i, i + 500), updates: [] });
      }
      const updates = creates.map((c, i) => ({
        id: c.id as string,
        name: `renamed ${i}`,
        kintone: link(String(i)),
        updatedAt: at,
      }));
      expect(await t.storage.customers.applyImportBatch("t1", { creates: [], updates })).toEqual({
        created: 0,
        updated: 1100,
      });
      expect(await t.storage.customers.counts("t1")).toEqual({ total: 1100, linked: 1100 });
      expect((await t.storage.customers.get("t1", "c1099"))?.name).toBe("renamed 1099");
    });

    test("a failing row rolls the whole batch back", async () => {
      await t.storage.customers.create(customerInput("t1", 1, { id: "holder", kintone: link("1") }));
      await t.storage.customers.create(customerInput("t1", 2, { id: "u" }));

      const error = await t.storage.customers
        .applyImportBatch("t1", {
          creates: [
            customerInput("t1", 10, { id: "fine", kintone: link("10") }),
            // Record 1 is already linked to "holder": the unique link refuses a second customer.
            customerInput("t1", 11, { id: "dup", kintone: link("1") }),
          ],
          updates: [{ id: "u", name: "changed", kintone: link("20"), updatedAt: at }],
        })
        .catch((e) => e);

      expect(isUniqueViolation(error)).toBe(true);
      expect(await t.storage.customers.get("t1", "fine")).toBeNull();
      expect(await t.storage.customers.get("t1", "u")).toMatchObject({ name: "Name 2", kintone: null });
      expect(await t.storage.customers.counts("t1")).toEqual({ total: 2, linked: 1 });
    });

    test("an update of a customer outside the tenant fails the batch", async () => {
      await t.storage.customers.create(customerInput("t2", 1, { id: "theirs" }));
      await expect(
        t.storage.customers.applyImportBatch("t1", {
          creates: [customerInput("t1", 2, { id: "mine", kintone: link("2") })],
          updates: [{ id: "theirs", kintone: link("1"), updatedAt: at }],
        }),
      ).rejects.toThrow(/not found/);
      expect(await t.storage.customers.get("t1", "mine")).toBeNull();
      expect((await t.storage.customers.get("t2", "theirs"))?.kintone).toBeNull();
    });

    test("the same record may be linked in another tenant or another app", async () => {
      await t.storage.customers.applyImportBatch("t1", {
        creates: [
          customerInput("t1", 1, { kintone: link("1") }),
          customerInput("t1", 2, { kintone: link("1", "99") }),
        ],
        updates: [],
      });
      await t.storage.customers.applyImportBatch("t2", {
        creates: [customerInput("t2", 3, { kintone: link("1") })],
        updates: [],
      });
      expect((await t.storage.customers.counts("t1")).linked).toBe(2);
      expect((await t.storage.customers.counts("t2")).linked).toBe(1);
    });
  });

  describe("customers.unlink", () => {
    test("keeps the customer, records why and when, and frees the record for a new link", async () => {
      await t.storage.customers.create(customerInput("t1", 1, { id: "c1", kintone: link("1") }));
      expect(await t.storage.customers.unlink("t1", ["c1"], "deleted_in_kintone", at)).toBe(1);

      const unlinked = await t.storage.customers.get("t1", "c1");
      expect(unlinked).toMatchObject({
        name: "Name 1",
        kintone: null,
        unlinked: { reason: "deleted_in_kintone", at },
        updatedAt: at,
      });
      expect(await t.storage.customers.counts("t1")).toEqual({ total: 1, linked: 0 });
      expect((await t.storage.customers.findByLinks("t1", "14", ["1"])).size).toBe(0);
      expect(
        (await t.storage.customers.findUnlinkedByIdentityKeys("t1", ["name 1|company 1"])).get(
          "name 1|company 1",
        )?.id,
      ).toBe("c1");

      // Record 1 can now be linked to another customer (a re-created record, or a hand-made link).
      await t.storage.customers.applyImportBatch("t1", {
        creates: [customerInput("t1", 2, { id: "c2", kintone: link("1") })],
        updates: [],
      });
      expect((await t.storage.customers.findByLinks("t1", "14", ["1"])).get("1")?.id).toBe("c2");
    });

    test("a customer already unlinked keeps its first reason and date; other tenants are untouched", async () => {
      await t.storage.customers.create(customerInput("t1", 1, { id: "c1", kintone: link("1") }));
      await t.storage.customers.create(customerInput("t2", 2, { id: "c2", kintone: link("1") }));
      await t.storage.customers.unlink("t1", ["c1"], "manual", at);
      expect(
        await t.storage.customers.unlink("t1", ["c1", "c2"], "deleted_in_kintone", "2026-04-01T00:00:00Z"),
      ).toBe(0);
      expect((await t.storage.customers.get("t1", "c1"))?.unlinked).toEqual({ reason: "manual", at });
      expect((await t.storage.customers.get("t2", "c2"))?.kintone?.recordId).toBe("1");
    });
  });

  describe("customers.linkedRecordIds", () => {
    test("walks 1,200 linked records of one app in pages, each once, and may unlink while walking", async () => {
      const creates = Array.from({ length: 1200 }, (_, i) =>
        customerInput("t1", i, { id: `c${i}`, kintone: link(String(i + 1)) }),
      );
      for (let i = 0; i < creates.length; i += 500) {
        await t.storage.customers.applyImportBatch("t1", { creates: creates.slice(i, i + 500), updates: [] });
      }
      await t.storage.customers.create(customerInput("t1", 5000, { kintone: link("1", "99") }));
      await t.storage.customers.create(customerInput("t1", 5001));
      await t.storage.customers.create(customerInput("t2", 5002, { kintone: link("1") }));

      const seen = new Map<string, string>();
      for await (const { customerId, recordId } of t.storage.customers.linkedRecordIds("t1", "14")) {
        expect(seen.has(recordId)).toBe(false);
        seen.set(recordId, customerId);
        // The reconciliation unlinks as it goes; the walk must not lose its place.
        if (Number(recordId) % 2 === 0)
          await t.storage.customers.unlink("t1", [customerId], "deleted_in_kintone", at);
      }
      expect(seen.size).toBe(1200);
      expect(seen.get("1")).toBe("c0");
      expect(seen.get("1200")).toBe("c1199");
      expect(await t.storage.customers.counts("t1")).toEqual({ total: 1202, linked: 601 });
    });
  });
});
