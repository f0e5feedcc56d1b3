import { identityKey, TEMPLATE_CUSTOMER_FIELDS } from "@front-agent/shared";
import { describe, expect, test } from "vitest";
import type { KintoneRecordJson } from "../../kintone/gateway.ts";
import type { CustomerRepository } from "../../storage/index.ts";
import { customerInput, forEachDatabase, useTempStorage } from "../../storage/testing.ts";
import { applyPage, preparePage } from "./apply-page.ts";

const NOW = "2026-11-25T00:00:00.000Z";
const text = (value: string) => ({ type: "SINGLE_LINE_TEXT", value });

function record(id: number, name: string, company: string): KintoneRecordJson {
  return {
    $id: { type: "__ID__", value: String(id) },
    $revision: { type: "__REVISION__", value: "1" },
    レコード番号: { type: "RECORD_NUMBER", value: String(id) },
    顧客名: text(name),
    会社名: text(company),
  };
}

/** The repository, counting the two lookups applyPage may make before it writes. */
function counting(customers: CustomerRepository) {
  const lookups = { findByLinks: 0, findUnlinkedByIdentityKeys: 0 };
  const repository: CustomerRepository = {
    ...customers,
    findByLinks: (...args) => {
      lookups.findByLinks++;
      return customers.findByLinks(...args);
    },
    findUnlinkedByIdentityKeys: (...args) => {
      lookups.findUnlinkedByIdentityKeys++;
      return customers.findUnlinkedByIdentityKeys(...args);
    },
  };
  return { repository, lookups };
}

describe("preparePage", () => {
  test("every record's id, the skipped ones with why, the rest as customers keyed by identity", () => {
    const page = preparePage(
      [record(7, "佐藤　花子", "株式会社サンプル"), record(8, "", ""), record(9, "", "ミライ商事")],
      TEMPLATE_CUSTOMER_FIELDS,
    );
    expect(page.read).toBe(3);
    expect(page.recordIds).toEqual(["7", "8", "9"]);
    expect(page.skipped).toEqual([
      { recordId: "8", kind: "skipped", reason: "NO_NAME_OR_COMPANY", detail: null },
    ]);
    expect(page.customers.map((c) => [c.identity.recordId, c.fields.name, c.fields.identityKey])).toEqual([
      ["7", "佐藤　花子", identityKey("佐藤 花子", "株式会社サンプル")],
      // I2: a record with a company only is named after it.
      ["9", "ミライ商事", identityKey("ミライ商事", "ミライ商事")],
    ]);
    // Plain data: it can cross to another thread as it is.
    expect(structuredClone(page)).toEqual(page);
  });
});

forEachDatabase((database) => {
  const t = useTempStorage(database, ["t1"]);
  const page = [record(1, "佐藤 花子", "株式会社サンプル"), record(2, "鈴木 一郎", "")];

  describe("applyPage", () => {
    test("into an empty directory: both look-ups are skipped (no customer is linked or unlinked), every record created and linked", async () => {
      const { repository, lookups } = counting(t.storage.customers);
      const outcome = await applyPage({
        customers: repository,
        tenantId: "t1",
        appId: "14",
        records: page,
        mapping: TEMPLATE_CUSTOMER_FIELDS,
        now: NOW,
        emptyDirectory: true,
      });
      expect(lookups).toEqual({ findByLinks: 0, findUnlinkedByIdentityKeys: 0 });
      expect(outcome).toMatchObject({ read: 2, created: 2, updated: 0, recordIds: ["1", "2"] });
      expect(await t.storage.customers.counts("t1")).toEqual({ total: 2, linked: 2 });
    });

    test("a customer registered while a first import into an empty directory reads is linked, not duplicated (I7)", async () => {
      const registered = await t.storage.customers.create(
        customerInput("t1", 1, {
          name: "佐藤 花子",
          company: "株式会社サンプル",
          identityKey: identityKey("佐藤 花子", "株式会社サンプル"),
        }),
      );
      const outcome = await applyPage({
        customers: t.storage.customers,
        tenantId: "t1",
        appId: "14",
        records: page,
        mapping: TEMPLATE_CUSTOMER_FIELDS,
        now: NOW,
        emptyDirectory: true,
      });
      expect(outcome).toMatchObject({ read: 2, created: 1, updated: 1 });
      expect(await t.storage.customers.counts("t1")).toEqual({ total: 2, linked: 2 });
      expect(await t.storage.customers.get("t1", registered.id)).toMatchObject({
        kintone: { recordId: "1" },
      });
    });

    test("into a directory with customers: an unlinked one of the same identity is linked, not duplicated", async () => {
      const existing = await t.storage.customers.create(
        customerInput("t1", 1, {
          name: "佐藤 花子",
          company: "株式会社サンプル",
          identityKey: identityKey("佐藤 花子", "株式会社サンプル"),
        }),
      );
      const { repository, lookups } = counting(t.storage.customers);
      const outcome = await applyPage({
        customers: repository,
        tenantId: "t1",
        appId: "14",
        records: page,
        mapping: TEMPLATE_CUSTOMER_FIELDS,
        now: NOW,
      });
      expect(lookups).toEqual({ findByLinks: 1, findUnlinkedByIdentityKeys: 1 });
      expect(outcome).toMatchObject({ read: 2, created: 1, updated: 1 });
      expect(await t.storage.customers.get("t1", existing.id)).toMatchObject({
        name: "佐藤 花子",
        company: "株式会社サンプル",
        kintone: { appId: "14", recordId: "1", recordNumber: "1", revision: "1" },
      });
      expect(await t.storage.customers.counts("t1")).toEqual({ total: 2, linked: 2 });
    });
  });
});
