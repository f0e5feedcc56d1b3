import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { prepared } from "./prepared.ts";
import { openSqliteKysely } from "./sqlite.ts";
import { openTempStorage, type TempStorage, tenantRow } from "./testing.ts";

let t: TempStorage;
beforeEach(async () => {
  t = await openTempStorage();
  await t.storage.tenants.create(tenantRow("t1"));
  await t.storage.tenants.create(tenantRow("t2"));
});
afterEach(() => t.dispose());

const tenantName = prepared<{ id: string }, { name: string }>((db, p) =>
  db.selectFrom("tenants").select("name").where("id", "=", p.id).where("name", "!=", "constant"),
);

describe("prepared queries", () => {
  test("compiled once, run with each call's values; constants kept", async () => {
    const names: string[] = [];
    const kysely = openSqliteKysely(t.dataDir);
    try {
      for (const id of ["t1", "t2", "none"]) {
        const result = await tenantName(kysely, { id });
        names.push(result.rows[0]?.name ?? "-");
      }
      await kysely.transaction().execute(async (trx) => {
        names.push((await tenantName(trx, { id: "t2" })).rows[0]?.name ?? "-");
      });
    } finally {
      await kysely.destroy();
    }
    expect(names).toEqual(["tenant t1", "tenant t2", "-", "tenant t2"]);
  });
});
