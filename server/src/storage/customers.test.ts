import { describe, expect, test } from "vitest";
import { InvalidCursorError } from "./cursor.ts";
import { customerInput, link, STORAGE_KINDS, useTempStorage } from "./testing.ts";

describe.each(STORAGE_KINDS)("on %s", (kind) => {
  const t = useTempStorage(kind, ["t1", "t2"]);

  describe("customers: create, get, patch", () => {
    test("create returns the stored row; get finds it only in its tenant", async () => {
      const created = await t.storage.customers.create(customerInput("t1", 1, { kintone: link("7") }));
      expect(created).toMatchObject({
        tenantId: "t1",
        name: "Name 1",
        kintone: { appId: "14", recordId: "7", recordNumber: "C-7", revision: "1" },
        unlinked: null,
        createdAt: "2026-01-01T00:00:00.000Z",
        updatedAt: "2026-01-01T00:00:00.000Z",
      });
      expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(await t.storage.customers.get("t1", created.id)).toEqual(created);
      expect(await t.storage.customers.get("t2", created.id)).toBeNull();
    });

    test("patch changes only the given fields and the update time", async () => {
      const c = await t.storage.customers.create(customerInput("t1", 1, { id: "c1" }));
      const patched = await t.storage.customers.patch(
        "t1",
        "c1",
        { email: "new@example.com", phone: "03-0000-0000" },
        "2026-02-01T00:00:00Z",
      );
      expect(patched).toEqual({
        ...c,
        email: "new@example.com",
        phone: "03-0000-0000",
        updatedAt: "2026-02-01T00:00:00.000Z",
      });
      expect(await t.storage.customers.patch("t2", "c1", { name: "x" }, "2026-02-01T00:00:00Z")).toBeNull();
      expect(await t.storage.customers.patch("t1", "nope", { name: "x" }, "2026-02-01T00:00:00Z")).toBeNull();
    });

    test("patch with a link links the customer and clears an earlier unlink mark", async () => {
      await t.storage.customers.create(customerInput("t1", 1, { id: "c1", kintone: link("7") }));
      await t.storage.customers.unlink("t1", ["c1"], "manual", "2026-02-01T00:00:00Z");
      const relinked = await t.storage.customers.patch(
        "t1",
        "c1",
        { kintone: link("8") },
        "2026-03-01T00:00:00Z",
      );
      expect(relinked?.kintone?.recordId).toBe("8");
      expect(relinked?.unlinked).toBeNull();
    });
  });

  describe("customers.list", () => {
    test("pages through 250 customers by keyset: every customer once, in id order", async () => {
      for (let i = 0; i < 250; i++) await t.storage.customers.create(customerInput("t1", i));
      await t.storage.customers.create(customerInput("t2", 999));

      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await t.storage.customers.list("t1", { limit: 40, ...(cursor ? { cursor } : {}) });
        seen.push(...page.customers.map((c) => c.id));
        cursor = page.nextCursor ?? undefined;
        pages++;
      } while (cursor !== undefined);

      expect(pages).toBe(7);
      expect(seen).toHaveLength(250);
      expect(new Set(seen).size).toBe(250);
      expect(seen).toEqual([...seen].sort());
    });

    test("the last page has no next cursor, even when it is exactly full", async () => {
      for (let i = 0; i < 4; i++) await t.storage.customers.create(customerInput("t1", i));
      const first = await t.storage.customers.list("t1", { limit: 2 });
      expect(first.nextCursor).not.toBeNull();
      const second = await t.storage.customers.list("t1", { limit: 2, cursor: first.nextCursor as string });
      expect(second.customers).toHaveLength(2);
      expect(second.nextCursor).toBeNull();
    });

    test("a customer added behind the cursor while paging is neither repeated nor makes one skip", async () => {
      for (let i = 0; i < 6; i++) await t.storage.customers.create(customerInput("t1", i, { id: `c${i}` }));
      const first = await t.storage.customers.list("t1", { limit: 3 });
      await t.storage.customers.create(customerInput("t1", 9, { id: "c0a" }));
      const second = await t.storage.customers.list("t1", { limit: 3, cursor: first.nextCursor as string });
      expect([...first.customers, ...second.customers].map((c) => c.id)).toEqual([
        "c0",
        "c1",
        "c2",
        "c3",
        "c4",
        "c5",
      ]);
    });

    test("q is a case-insensitive substring of name, company or e-mail", async () => {
      await t.storage.customers.create(
        customerInput("t1", 1, { id: "a", name: "佐藤 花子", company: "株式会社サンプル" }),
      );
      await t.storage.customers.create(customerInput("t1", 2, { id: "b", company: "ACME Corp" }));
      await t.storage.customers.create(customerInput("t1", 3, { id: "c", email: "Sales@Acme.example" }));
      await t.storage.customers.create(customerInput("t1", 4, { id: "d", name: "Ｆｕｌｌ幅" }));
      const ids = async (q: string) =>
        (await t.storage.customers.list("t1", { q, limit: 10 })).customers.map((c) => c.id);
      expect(await ids("acme")).toEqual(["b", "c"]);
      expect(await ids("サンプル")).toEqual(["a"]);
      expect(await ids("花子")).toEqual(["a"]);
      expect(await ids("Ｆｕｌｌ")).toEqual(["d"]);
      expect(await ids("nobody")).toEqual([]);
      expect(await ids("")).toEqual(["a", "b", "c", "d"]);
    });

    test("% and _ in q are literal characters, not wildcards", async () => {
      await t.storage.customers.create(customerInput("t1", 1, { id: "pct", name: "50% off" }));
      await t.storage.customers.create(customerInput("t1", 2, { id: "und", name: "a_b" }));
      await t.storage.customers.create(customerInput("t1", 3, { id: "bsl", name: "back\\slash" }));
      await t.storage.customers.create(customerInput("t1", 4, { id: "plain", name: "50 off axb" }));
      const ids = async (q: string) =>
        (await t.storage.customers.list("t1", { q, limit: 10 })).customers.map((c) => c.id);
      expect(await ids("%")).toEqual(["pct"]);
      expect(await ids("0% o")).toEqual(["pct"]);
      expect(await ids("a_b")).toEqual(["und"]);
      expect(await ids("\\")).toEqual(["bsl"]);
    });

    test("q and paging combine", async () => {
      for (let i = 0; i < 30; i++) {
        await t.storage.customers.create(
          customerInput("t1", i, { company: i % 3 === 0 ? "Match Inc" : "Other" }),
        );
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof t.storage.customers.list>> = await t.storage.customers.list(
          "t1",
          {
            q: "match",
            limit: 4,
            ...(cursor ? { cursor } : {}),
          },
        );
        seen.push(...page.customers.map((c) => c.company));
        cursor = page.nextCursor;
      } while (cursor !== null);
      expect(seen).toEqual(Array(10).fill("Match Inc"));
    });

    test("a cursor this server did not issue is refused", async () => {
      await expect(
        t.storage.customers.list("t1", { limit: 5, cursor: "not-a-cursor" }),
      ).rejects.toBeInstanceOf(InvalidCursorError);
    });
  });

  describe("customers lookups for the import", () => {
    test("findByLinks maps record ids of one app to linked customers of the tenant", async () => {
      await t.storage.customers.create(customerInput("t1", 1, { id: "c1", kintone: link("1") }));
      await t.storage.customers.create(customerInput("t1", 2, { id: "c2", kintone: link("2") }));
      await t.storage.customers.create(customerInput("t1", 3, { id: "other-app", kintone: link("3", "99") }));
      await t.storage.customers.create(customerInput("t2", 4, { id: "other-tenant", kintone: link("3") }));
      const found = await t.storage.customers.findByLinks("t1", "14", ["1", "2", "3", "404", "1"]);
      expect([...found.entries()].map(([k, v]) => [k, v.id]).sort()).toEqual([
        ["1", "c1"],
        ["2", "c2"],
      ]);
    });

    test("findByLinks looks up more ids than one query takes", async () => {
      const creates = Array.from({ length: 1200 }, (_, i) =>
        customerInput("t1", i, { kintone: link(String(i)) }),
      );
      for (let i = 0; i < creates.length; i += 500) {
        await t.storage.customers.applyImportBatch("t1", { creates: creates.slice(i, i + 500), updates: [] });
      }
      const wanted = Array.from({ length: 1300 }, (_, i) => String(i));
      expect((await t.storage.customers.findByLinks("t1", "14", wanted)).size).toBe(1200);
    });

    test("findUnlinkedByIdentityKeys returns unlinked customers only, the oldest when a key repeats", async () => {
      const key = "佐藤 花子|株式会社サンプル";
      await t.storage.customers.create(
        customerInput("t1", 1, { id: "newer", identityKey: key, createdAt: "2026-01-03T00:00:00Z" }),
      );
      await t.storage.customers.create(
        customerInput("t1", 2, { id: "oldest", identityKey: key, createdAt: "2026-01-02T00:00:00Z" }),
      );
      await t.storage.customers.create(
        customerInput("t1", 3, {
          id: "linked",
          identityKey: key,
          createdAt: "2026-01-01T00:00:00Z",
          kintone: link("1"),
        }),
      );
      await t.storage.customers.create(customerInput("t2", 4, { id: "elsewhere", identityKey: "k2" }));
      await t.storage.customers.create(customerInput("t1", 5, { id: "second", identityKey: "k2" }));

      const found = await t.storage.customers.findUnlinkedByIdentityKeys("t1", [key, "k2", "missing"]);
      expect(found.get(key)?.id).toBe("oldest");
      expect(found.get("k2")?.id).toBe("second");
      expect(found.has("missing")).toBe(false);
    });

    test("hasUnlinked: a tenant's own unlinked customers only, seen as soon as one is registered", async () => {
      expect(await t.storage.customers.hasUnlinked("t1")).toBe(false);
      await t.storage.customers.create(customerInput("t1", 1, { id: "linked", kintone: link("1") }));
      await t.storage.customers.create(customerInput("t2", 2, { id: "elsewhere" }));
      expect(await t.storage.customers.hasUnlinked("t1")).toBe(false);
      expect(await t.storage.customers.hasUnlinked("t2")).toBe(true);
      await t.storage.customers.create(customerInput("t1", 3, { id: "registered" }));
      expect(await t.storage.customers.hasUnlinked("t1")).toBe(true);
    });
  });
});
