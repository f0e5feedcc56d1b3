import { MAX_RECORDS_PER_READ } from "@front-agent/shared";
import { sql } from "kysely";
import {
  type CandidateIndexRepository,
  createCandidateIndexRepository,
  upsertText,
} from "./candidate-index.ts";
import { customerInsertText } from "./customer-import.ts";
import { type CustomerRepository, createCustomerRepository } from "./customers.ts";
import { createExportRepository, type ExportRepository } from "./exports.ts";
import { createFaUserRepository, type FaUserRepository } from "./fa-users.ts";
import { createImportRunRepository, type ImportRunRepository } from "./import-runs.ts";
import { createJobRepository, type JobRepository } from "./jobs.ts";
import { createLeaseRepository, type LeaseRepository } from "./leases.ts";
import { createRequestCountRepository, type RequestCountRepository } from "./request-counts.ts";
import type { Db } from "./schema.ts";
import { createSettingsRepository, type SettingsRepository } from "./settings.ts";
import { createTenantRepository, type TenantRepository } from "./tenants.ts";
import { inTransaction } from "./transaction.ts";

/**
 * Everything the backend keeps, behind one interface: services see this, never SQL or a dialect.
 * All methods are async so a networked database (PostgreSQL) fits the same shape.
 */
export interface Storage {
  readonly tenants: TenantRepository;
  readonly settings: SettingsRepository;
  readonly customers: CustomerRepository;
  readonly runs: ImportRunRepository;
  readonly jobs: JobRepository;
  readonly requestCounts: RequestCountRepository;
  readonly users: FaUserRepository;
  readonly exports: ExportRepository;
  readonly candidateIndex: CandidateIndexRepository;
  readonly leases: LeaseRepository;
  /** True when the database answers a trivial query (health check). */
  ping(): Promise<boolean>;
  /**
   * Compiles the statements every page of an import writes, for a full page, so that the first import of
   * a process does not: called when the jobs start (issue 16: ~20–30 ms of a just-started thread).
   */
  prepareImport(): void;
  /**
   * Runs `fn` with a Storage whose every call is in one transaction: committed when `fn` resolves, rolled
   * back when it throws. Nested calls join the outer transaction.
   */
  transaction<T>(fn: (storage: Storage) => Promise<T>): Promise<T>;
  /** Closes the database; the Storage is unusable afterwards. */
  close(): Promise<void>;
}

/** A Storage over any kysely database (or transaction) that has run the migrations. */
export function createStorage(db: Db): Storage {
  return {
    tenants: createTenantRepository(db),
    settings: createSettingsRepository(db),
    customers: createCustomerRepository(db),
    runs: createImportRunRepository(db),
    jobs: createJobRepository(db),
    requestCounts: createRequestCountRepository(db),
    users: createFaUserRepository(db),
    exports: createExportRepository(db),
    candidateIndex: createCandidateIndexRepository(db),
    leases: createLeaseRepository(db),
    async ping() {
      try {
        const { rows } = await sql<{ ok: number }>`select 1 as ok`.execute(db);
        return rows.length === 1;
      } catch {
        return false;
      }
    },
    prepareImport() {
      customerInsertText(db, MAX_RECORDS_PER_READ);
      upsertText(db, MAX_RECORDS_PER_READ);
    },
    transaction: (fn) => inTransaction(db, (trx) => fn(createStorage(trx))),
    async close() {
      if (db.isTransaction) throw new Error("close the Storage, not its transaction");
      await db.destroy();
    },
  };
}
