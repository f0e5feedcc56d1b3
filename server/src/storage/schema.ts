import type {
  CustomerDetails,
  ExportStatus,
  ImportRunKind,
  ImportRunStatus,
  RunIssueKind,
  UnlinkReason,
} from "@front-agent/shared";
import type { Generated, Kysely } from "kysely";

/**
 * The tables as kysely sees them (snake_case, exactly as stored). Only the repositories use these types;
 * everything above the storage layer sees the camelCase rows each repository exports.
 *
 * Portable representation, so the same queries run on SQLite and PostgreSQL: ids and timestamps are TEXT
 * (timestamps ISO-8601 UTC `YYYY-MM-DDTHH:MM:SS.sssZ`, which sorts and compares as text), JSON is TEXT,
 * counters are INTEGER. A column holding one of the API's values (a status, a kind, a reason) is TEXT typed
 * as shared's enum: only the repositories write it, always with one of them.
 */
export interface Database {
  tenants: TenantsTable;
  settings: SettingsTable;
  customers: CustomersTable;
  import_runs: ImportRunsTable;
  import_run_issues: ImportRunIssuesTable;
  jobs: JobsTable;
  kintone_request_counts: KintoneRequestCountsTable;
  fa_users: FaUsersTable;
  exports: ExportsTable;
  candidate_index: CandidateIndexTable;
  candidate_index_state: CandidateIndexStateTable;
  key_check: KeyCheckTable;
  leases: LeasesTable;
}

/** A named claim that expires (leases.ts): whoever holds it until `lease_until`. */
export interface LeasesTable {
  name: string;
  holder: string;
  lease_until: string;
}

/** One row (id 1): the check value of the key that encrypts the stored secrets. */
export interface KeyCheckTable {
  id: number;
  value: string;
  created_at: string;
}

export interface CandidateIndexTable {
  tenant_id: string;
  app_id: string;
  record_id: string;
  record_number: string;
  name: string;
  company: string;
  name_key: string;
  company_key: string;
  /** keyHasher of (tenant, app, name_key): what the exact lookups seek (migration 0013). */
  name_hash: number;
  /** keyHasher of (tenant, app, company_key). */
  company_hash: number;
  build_id: string;
}

export interface CandidateIndexStateTable {
  tenant_id: string;
  app_id: string;
  build_id: string;
  built_at: string;
  fresh_since: string;
  refreshed_at: string;
}

export interface FaUsersTable {
  tenant_id: string;
  id: string;
  name: string;
  email: string;
  updated_at: string;
}

export interface ExportsTable {
  id: string;
  tenant_id: string;
  event_id: string;
  /** The assist event as received (JSON). */
  event: string;
  status: ExportStatus;
  customer_id: string | null;
  kintone_record_id: string | null;
  /** A catalogue code and its parameters (JSON), so the reason reads in the caller's language. */
  reason: string | null;
  reason_params: string | null;
  attempts: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface TenantsTable {
  id: string;
  name: string;
  connection_key_hash: string;
  service_token_hash: string;
  webhook_secret_enc: string;
  /** Null until the first save issues one. */
  record_key_hash: Generated<string | null>;
  created_at: string;
}

export interface SettingsTable {
  tenant_id: string;
  body: string;
  customer_token_enc: string | null;
  activity_token_enc: string | null;
  import_key: string | null;
  saved_at: string;
}

/** The six directory fields are columns of the same names. */
export interface CustomersTable extends CustomerDetails {
  id: string;
  tenant_id: string;
  identity_key: string;
  kintone_app_id: string | null;
  kintone_record_id: string | null;
  kintone_record_number: string | null;
  kintone_revision: string | null;
  unlinked_reason: UnlinkReason | null;
  unlinked_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ImportRunsTable {
  id: string;
  tenant_id: string;
  kind: ImportRunKind;
  status: ImportRunStatus;
  started_at: string;
  finished_at: string | null;
  read: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  error: string | null;
  kintone_requests: number;
  resume: string | null;
  watermark: string | null;
  deferred_until: string | null;
  unlinked: number;
}

export interface ImportRunIssuesTable {
  run_id: string;
  record_id: string;
  /** Order in which the issues were first reported (the table has no portable auto-increment). */
  seq: number;
  kind: RunIssueKind;
  reason: string;
  detail: string | null;
}

export interface JobsTable {
  id: string;
  tenant_id: string;
  kind: string;
  payload: string;
  status: string;
  run_at: string;
  attempts: number;
  lease_until: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface KintoneRequestCountsTable {
  tenant_id: string;
  app_id: string;
  day: string;
  count: number;
}

/** What every repository is built on: the database itself, or a transaction on it. */
export type Db = Kysely<Database>;
