import { normalizeCompany, normalizePersonName } from "@front-agent/shared";
import { CompiledQuery, type SqlBool, sql } from "kysely";
import { containsPattern, LIKE_ESCAPE } from "./like.ts";
import { textByRows } from "./prepared.ts";
import type { Db } from "./schema.ts";
import { toStoredTime } from "./timestamp.ts";

/** One customer-app record as CRM候補検索 sees it. */
export interface IndexedRecord {
  recordId: string;
  recordNumber: string;
  name: string;
  company: string;
}

export interface CandidateIndexState {
  buildId: string;
  builtAt: string;
  /** Records updated at or after this kintone time are read by the next refresh. */
  freshSince: string;
  refreshedAt: string;
}

export interface CandidateIndexRepository {
  /** Adds or replaces records, marking them seen by the build `buildId`. */
  put(tenantId: string, appId: string, records: IndexedRecord[], buildId: string): Promise<void>;
  /** Ends a full build: drops what it did not see (deleted in kintone) and records the state. */
  finishBuild(tenantId: string, appId: string, state: CandidateIndexState): Promise<number>;
  /** Records a refresh of what changed since `freshSince`. */
  refreshed(tenantId: string, appId: string, freshSince: string, at: string): Promise<void>;
  state(tenantId: string, appId: string): Promise<CandidateIndexState | null>;
  /**
   * Records whose normalized name or company contains one of the needles (normalized here the same way),
   * at most `limit`. A substring search, which kintone's word-search `like` cannot do.
   */
  search(tenantId: string, appId: string, needles: string[], limit: number): Promise<IndexedRecord[]>;
  /**
   * Records whose normalized name or company equals one of the keys (as `indexKeys` makes them): the
   * exact rung of the matching ladder, over the whole app, by index seeks.
   */
  findByKeys(
    tenantId: string,
    appId: string,
    keys: { nameKeys: string[]; companyKeys: string[] },
    limit: number,
  ): Promise<IndexedRecord[]>;
  /** Forgets the tenant's whole index (the customer app or kintone changed): the next search rebuilds it. */
  clear(tenantId: string): Promise<void>;
  /** Forgets records kintone no longer has (found gone when a match was read back). */
  remove(tenantId: string, appId: string, recordIds: readonly string[]): Promise<void>;
}

/** The forms stored for searching: legal forms, widths, case and spaces ignored. */
export function indexKeys(name: string, company: string): { nameKey: string; companyKey: string } {
  return {
    nameKey: normalizePersonName(name),
    companyKey: normalizeCompany(company).replace(/\s+/gu, ""),
  };
}

/** Hashes a key of one tenant's app (see keyHasher); a parameter so a test can force collisions. */
export type KeyHasher = (tenantId: string, appId: string) => (key: string) => number;

/**
 * What the exact lookups seek instead of the keys themselves (issue 16): a 32-bit FNV-1a hash of
 * (tenant, app, key), stored beside the key and indexed alone. The keys' own indexes, (tenant_id, app_id,
 * key) as text, were ~80 bytes an entry in random order, too large for the page cache at 100,000
 * records, and their inserts and commits were half an import's SQLite time; an integer entry is ~10
 * bytes. Queries compare the key text too, so two keys of the same hash never give a wrong record.
 * Stored values depend on it: changing it needs a migration that fills the columns again (0013 did).
 */
export const keyHasher: KeyHasher = (tenantId, appId) => {
  const prefix = fnv1a(FNV_OFFSET, `${tenantId}\u0000${appId}\u0000`);
  return (key) => fnv1a(prefix, key);
};

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** FNV-1a over UTF-16 code units, as a signed 32-bit integer (an `integer` on PostgreSQL too). */
function fnv1a(seed: number, text: string): number {
  let hash = seed;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  return hash;
}

export function createCandidateIndexRepository(
  db: Db,
  hasher: KeyHasher = keyHasher,
): CandidateIndexRepository {
  return {
    async put(tenantId, appId, records, buildId) {
      const hash = hasher(tenantId, appId);
      // 500 records × 8 values stays under SQLite's bound-parameter limit per statement.
      for (let i = 0; i < records.length; i += 500) {
        const part = records.slice(i, i + 500);
        const parameters: unknown[] = [tenantId, appId, buildId];
        for (const r of part) {
          const keys = indexKeys(r.name, r.company);
          parameters.push(
            r.recordId,
            r.recordNumber,
            r.name,
            r.company,
            keys.nameKey,
            keys.companyKey,
            hash(keys.nameKey),
            hash(keys.companyKey),
          );
        }
        await db.executeQuery(CompiledQuery.raw(upsertText(db, part.length), parameters));
      }
    },

    async finishBuild(tenantId, appId, state) {
      const removed = await db
        .deleteFrom("candidate_index")
        .where("tenant_id", "=", tenantId)
        .where("app_id", "=", appId)
        .where("build_id", "!=", state.buildId)
        .executeTakeFirst();
      const row = {
        tenant_id: tenantId,
        app_id: appId,
        build_id: state.buildId,
        built_at: toStoredTime(state.builtAt),
        fresh_since: toStoredTime(state.freshSince),
        refreshed_at: toStoredTime(state.refreshedAt),
      };
      await db
        .insertInto("candidate_index_state")
        .values(row)
        .onConflict((oc) =>
          oc.columns(["tenant_id", "app_id"]).doUpdateSet({
            build_id: row.build_id,
            built_at: row.built_at,
            fresh_since: row.fresh_since,
            refreshed_at: row.refreshed_at,
          }),
        )
        .execute();
      return Number(removed.numDeletedRows);
    },

    async refreshed(tenantId, appId, freshSince, at) {
      await db
        .updateTable("candidate_index_state")
        .set({ fresh_since: toStoredTime(freshSince), refreshed_at: toStoredTime(at) })
        .where("tenant_id", "=", tenantId)
        .where("app_id", "=", appId)
        .execute();
    },

    async state(tenantId, appId) {
      const row = await db
        .selectFrom("candidate_index_state")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .where("app_id", "=", appId)
        .executeTakeFirst();
      return row
        ? {
            buildId: row.build_id,
            builtAt: row.built_at,
            freshSince: row.fresh_since,
            refreshedAt: row.refreshed_at,
          }
        : null;
    },

    async findByKeys(tenantId, appId, { nameKeys, companyKeys }, limit) {
      // Two seeks rather than one `or`: a company with hundreds of people must not crowd the person's own
      // record (found by name) out of the limit.
      // The hash finds the rows (its index); the key and the tenant's app, compared too, decide.
      const hash = hasher(tenantId, appId);
      const byColumn = async (
        column: "name_key" | "company_key",
        hashColumn: "name_hash" | "company_hash",
        keys: string[],
      ) => {
        const wanted = [...new Set(keys.filter((k) => k !== ""))];
        if (wanted.length === 0) return [];
        // `|| ''` keeps the primary key's (tenant_id, app_id) out of the plan: SQLite, without statistics,
        // took it over the hash's index for two or more keys, reading the whole app.
        return db
          .selectFrom("candidate_index")
          .select(["record_id", "record_number", "name", "company"])
          .where(hashColumn, "in", [...new Set(wanted.map(hash))])
          .where(sql<string>`${sql.ref("tenant_id")} || ''`, "=", tenantId)
          .where(sql<string>`${sql.ref("app_id")} || ''`, "=", appId)
          .where(column, "in", wanted)
          .limit(limit)
          .execute();
      };
      const found = new Map<string, IndexedRecord>();
      for (const row of [
        ...(await byColumn("name_key", "name_hash", nameKeys)),
        ...(await byColumn("company_key", "company_hash", companyKeys)),
      ])
        found.set(row.record_id, toIndexed(row));
      return [...found.values()];
    },

    async clear(tenantId) {
      await db.deleteFrom("candidate_index").where("tenant_id", "=", tenantId).execute();
      await db.deleteFrom("candidate_index_state").where("tenant_id", "=", tenantId).execute();
    },

    async remove(tenantId, appId, recordIds) {
      if (recordIds.length === 0) return;
      await db
        .deleteFrom("candidate_index")
        .where("tenant_id", "=", tenantId)
        .where("app_id", "=", appId)
        .where("record_id", "in", [...recordIds])
        .execute();
    },

    async search(tenantId, appId, needles, limit) {
      const patterns = [
        ...new Set(needles.flatMap((n) => Object.values(indexKeys(n, n))).filter((n) => n !== "")),
      ].map(containsPattern);
      if (patterns.length === 0) return [];
      const rows = await db
        .selectFrom("candidate_index")
        .select(["record_id", "record_number", "name", "company"])
        .where("tenant_id", "=", tenantId)
        .where("app_id", "=", appId)
        .where((eb) =>
          eb.or(
            patterns.flatMap((pattern) =>
              (["name_key", "company_key"] as const).map(
                (column) => sql<SqlBool>`${sql.ref(column)} like ${pattern} escape ${LIKE_ESCAPE}`,
              ),
            ),
          ),
        )
        .limit(limit)
        .execute();
      return rows.map(toIndexed);
    },
  };
}

/**
 * The upsert of `rows` records, compiled once per row count and database kind: every page an import reads
 * goes through it (issue 16). `INSERT … SELECT` from the tenant, app and build, bound once, and a VALUES
 * list of each record's own values, in `put`'s order (as customerInsertText: 8 values a record, not 11).
 * The WHERE is SQLite's: an upsert's SELECT needs one to be parsed. PostgreSQL types a VALUES parameter as
 * text and cannot tell a bare one's type in a select list: hence the casts.
 */
export const upsertText = textByRows((db, rows) => {
  const row = sql`(${sql.join(Array.from({ length: 8 }, () => null))})`;
  const values = sql.join(Array.from({ length: rows }, () => row));
  const text = (v: unknown) => sql`cast(${v} as text)`;
  const query = sql`insert into candidate_index (tenant_id, app_id, build_id, record_id, record_number, name, company, name_key, company_key, name_hash, company_hash)
    select s.tenant_id, s.app_id, s.build_id, v.column1, v.column2, v.column3, v.column4, v.column5, v.column6,
      cast(v.column7 as integer), cast(v.column8 as integer)
    from (select ${text(null)} as tenant_id, ${text(null)} as app_id, ${text(null)} as build_id) as s, (values ${values}) as v
    where true
    on conflict (tenant_id, app_id, record_id) do update set
      record_number = excluded.record_number, name = excluded.name, company = excluded.company,
      name_key = excluded.name_key, company_key = excluded.company_key, name_hash = excluded.name_hash,
      company_hash = excluded.company_hash, build_id = excluded.build_id`;
  return { compile: () => query.compile(db) };
});

function toIndexed(r: { record_id: string; record_number: string; name: string; company: string }) {
  return { recordId: r.record_id, recordNumber: r.record_number, name: r.name, company: r.company };
}
