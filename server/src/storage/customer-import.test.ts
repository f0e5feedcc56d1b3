import { describe, expect, test } from "vitest";
import { NEW_CUSTOMER_COLUMNS, newCustomerColumns, newCustomerValues } from "./customer-rows.ts";
import { isUniqueViolation } from "./errors.ts";
import { customerInput, link, STORAGE_KINDS, useTempStorage } from "./testing.ts";

describe("the import's insert values", () => {
  // The import inserts newCustomerValues under NEW_CUSTOMER_COLUMNS; everything else, newCustomerColumns.
  test.each([
    [
      "linked, updated later",
      customerInput("t1", 1, { id: "c1", kintone: link("7"), updatedAt: "2026-03-02T00:00:00Z" }),
    ],
    [
      "unlinked, no id, times not in storage form",
      customerInput("t1", 2, { createdAt: "2026-03-01T09:00:00+09:00" }),
    ],
  ])("are newCustomerColumns' values, column for column: %s", (_what, customer) => {
    const values: unknown[] = [];
    newCustomerValues("t1", customer, values);
    const columns = newCustomerColumns("t1", customer);
    expect([...NEW_CUSTOMER_COLUMNS].sort()).toEqual(Object.keys(columns).sort());
    const expected = NEW_CUSTOMER_COLUMNS.map((column) => columns[column]);
    if (customer.id === undefined) {
      expect(values[0]).toMatch(/^[0-9a-f-]{36}$/);
      expected[0] = values[0] as string;
    }
    expect(values).toEqual(expected);
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
