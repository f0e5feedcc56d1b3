import BetterSqlite3 from "better-sqlite3";
import { type CompiledQuery, Kysely, SqliteDialect } from "kysely";
import { beforeEach, describe, expect, test } from "vitest";
import { createCandidateIndexRepository, type KeyHasher, keyHasher } from "./candidate-index.ts";
import { openPostgresKysely } from "./postgres.ts";
import type { Database, Db } from "./schema.ts";
import { openSqliteFile } from "./sqlite.ts";
import { STORAGE_KINDS, type TempStorage, useTempStorage } from "./testing.ts";

/** A second connection to the test's database, for a repository made with another hasher. */
function secondConnection(t: TempStorage, log?: (query: CompiledQuery) => void): Db {
  if (t.databaseUrl !== null) return openPostgresKysely(t.databaseUrl);
  return new Kysely<Database>({
    dialect: new SqliteDialect({ database: openSqliteFile(t.dataDir) }),
    ...(log ? { log: (event) => log(event.query) } : {}),
  });
}

describe.each(STORAGE_KINDS)("on %s", (kind) => {
  const t = useTempStorage(kind, ["t1", "t2"]);

  const record = (recordId: string, name: string, company: string) => ({
    recordId,
    recordNumber: `C-${recordId}`,
    name,
    company,
  });
  const AT = "2026-11-24T09:00:00.000Z";

  describe("candidate index", () => {
    beforeEach(async () => {
      await t.storage.candidateIndex.put(
        "t1",
        "14",
        [
          record("1", "山田 太郎", "株式会社サンプル商事"),
          record("2", "佐藤花子", "ｻﾝﾌﾟﾙ物産(株)"),
          record("3", "100%_本舗", "Sample Trading Co., Ltd."),
          record("4", "", "アザー合同会社"),
        ],
        "b1",
      );
      await t.storage.candidateIndex.put("t2", "14", [record("9", "山田 太郎", "サンプル商事")], "b1");
    });

    test.each([
      ["part of a name, spaces ignored", ["田太"], ["1"]],
      ["part of a company, widths and legal forms ignored", ["サンプル"], ["1", "2"]],
      ["Latin case ignored", ["sample trading"], ["3"]],
      ["% and _ are plain characters", ["100%_"], ["3"]],
      ["a lone % matches nothing special", ["%"], ["3"]],
      ["several needles", ["花子", "アザー"], ["2", "4"]],
      ["nothing", ["存在しない"], []],
      ["blank needles ask nothing", ["  "], []],
    ])("search: %s", async (_what, needles, expected) => {
      const rows = await t.storage.candidateIndex.search("t1", "14", needles, 50);
      expect(rows.map((r) => r.recordId).sort()).toEqual(expected);
    });

    test("a finished build drops the records it did not see, only in its own tenant and app", async () => {
      await t.storage.candidateIndex.put(
        "t1",
        "14",
        [record("1", "山田 太郎", "株式会社サンプル商事 改")],
        "b2",
      );
      const removed = await t.storage.candidateIndex.finishBuild("t1", "14", {
        buildId: "b2",
        builtAt: AT,
        freshSince: AT,
        refreshedAt: AT,
      });
      expect(removed).toBe(3);
      expect(await t.storage.candidateIndex.search("t1", "14", ["山田"], 50)).toEqual([
        record("1", "山田 太郎", "株式会社サンプル商事 改"),
      ]);
      expect(await t.storage.candidateIndex.search("t2", "14", ["山田"], 50)).toHaveLength(1);
      expect(await t.storage.candidateIndex.state("t1", "14")).toEqual({
        buildId: "b2",
        builtAt: AT,
        freshSince: AT,
        refreshedAt: AT,
      });
      await t.storage.candidateIndex.refreshed(
        "t1",
        "14",
        "2026-11-24T10:00:00.000Z",
        "2026-11-24T10:00:05.000Z",
      );
      expect(await t.storage.candidateIndex.state("t1", "14")).toMatchObject({
        freshSince: "2026-11-24T10:00:00.000Z",
        refreshedAt: "2026-11-24T10:00:05.000Z",
      });
      expect(await t.storage.candidateIndex.state("t1", "15")).toBeNull();
    });

    const byKeys = async (nameKeys: string[], companyKeys: string[], tenantId = "t1") =>
      (await t.storage.candidateIndex.findByKeys(tenantId, "14", { nameKeys, companyKeys }, 50))
        .map((r) => r.recordId)
        .sort();

    test.each([
      ["a name key", ["山田太郎"], [], ["1"]],
      ["several name keys", ["山田太郎", "佐藤花子", "いない"], [], ["1", "2"]],
      ["a company key (legal form and widths gone)", [], ["サンプル物産"], ["2"]],
      ["names and companies together", ["山田太郎"], ["アザー", "サンプル物産"], ["1", "2", "4"]],
      ["a key is whole, not a part", ["山田"], ["サンプル"], []],
      ["blank keys ask nothing", [""], [""], []],
    ])("findByKeys: %s", async (_what, nameKeys, companyKeys, expected) => {
      expect(await byKeys(nameKeys, companyKeys)).toEqual(expected);
    });

    test("findByKeys stays in its tenant and app", async () => {
      expect(await byKeys(["山田太郎"], [], "t2")).toEqual(["9"]);
      expect(
        await t.storage.candidateIndex.findByKeys(
          "t1",
          "15",
          { nameKeys: ["山田太郎"], companyKeys: [] },
          50,
        ),
      ).toEqual([]);
    });

    test.each<[string, KeyHasher]>([
      ["every key hashes the same", () => () => 0],
      [
        "a one-bit hash space",
        (tenantId, appId) => {
          const hash = keyHasher(tenantId, appId);
          return (key) => hash(key) & 1;
        },
      ],
    ])("findByKeys answers the same when hashes collide (%s): the keys decide", async (_what, hasher) => {
      const db = secondConnection(t);
      try {
        const colliding = createCandidateIndexRepository(db, hasher);
        await colliding.put(
          "t1",
          "14",
          [
            record("1", "山田 太郎", "株式会社サンプル商事"),
            record("2", "佐藤花子", "ｻﾝﾌﾟﾙ物産(株)"),
            record("3", "100%_本舗", "Sample Trading Co., Ltd."),
            record("4", "", "アザー合同会社"),
          ],
          "b1",
        );
        await colliding.put("t2", "14", [record("9", "山田 太郎", "サンプル商事")], "b1");
        await colliding.put("t1", "15", [record("8", "山田 太郎", "サンプル商事")], "b1");
        const find = async (nameKeys: string[], companyKeys: string[], tenantId = "t1") =>
          (await colliding.findByKeys(tenantId, "14", { nameKeys, companyKeys }, 50))
            .map((r) => r.recordId)
            .sort();
        expect(await find(["山田太郎"], [])).toEqual(["1"]);
        expect(await find(["佐藤花子"], ["アザー"])).toEqual(["2", "4"]);
        expect(await find(["いない"], ["ない"])).toEqual([]);
        expect(await find(["山田太郎"], ["サンプル商事"], "t2")).toEqual(["9"]);
      } finally {
        await db.destroy();
      }
    });
  });

  if (kind === "sqlite")
    test("findByKeys seeks the hash's index, not the app's whole range, for several keys", async () => {
      const queries: CompiledQuery[] = [];
      const db = secondConnection(t, (query) => queries.push(query));
      try {
        await createCandidateIndexRepository(db).findByKeys(
          "t1",
          "14",
          { nameKeys: ["山田太郎", "佐藤花子", "鈴木一郎"], companyKeys: ["サンプル", "アザー", "ミライ"] },
          50,
        );
      } finally {
        await db.destroy();
      }
      expect(queries).toHaveLength(2);
      const file = new BetterSqlite3(`${t.dataDir}/front-agent.sqlite`, { readonly: true });
      try {
        const plans = queries.map((q) =>
          (file.prepare(`explain query plan ${q.sql}`).all(...q.parameters) as Array<{ detail: string }>)
            .map((row) => row.detail)
            .join("; "),
        );
        expect(plans).toEqual([
          expect.stringMatching(
            /^SEARCH candidate_index USING INDEX candidate_index_name_hash \(name_hash=\?\)$/,
          ),
          expect.stringMatching(
            /^SEARCH candidate_index USING INDEX candidate_index_company_hash \(company_hash=\?\)$/,
          ),
        ]);
      } finally {
        file.close();
      }
    });
});
