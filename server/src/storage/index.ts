// The storage layer's public face: services import from here, never from the files behind it.

export { InvalidCursorError } from "./cursor.ts";
export type { ImportBatch, ImportUpdate, LinkedRecord } from "./customer-import.ts";
export type {
  CustomerChange,
  CustomerRow,
  CustomerValues,
  NewCustomer,
  StoredKintoneLink,
  Unlinked,
  UnlinkReason,
} from "./customer-rows.ts";
export type { CustomerListQuery, CustomerPage, CustomerRepository } from "./customers.ts";
export { isUniqueViolation } from "./errors.ts";
export {
  BUDGET_DEFERRED_REASON,
  type ExportChange,
  type ExportCounts,
  type ExportListQuery,
  type ExportPage,
  type ExportRepository,
  type ExportRow,
  type ExportStatus,
  type ExportSummary,
} from "./exports.ts";
export type { FaUserRepository, FaUserRow } from "./fa-users.ts";
export type { RunIssueKind, RunIssueRow } from "./import-run-issues.ts";
export type {
  ImportRunCounters,
  ImportRunFinish,
  ImportRunKind,
  ImportRunProgress,
  ImportRunRepository,
  ImportRunRow,
  ImportRunStatus,
  NewImportRun,
} from "./import-runs.ts";
export type { JobRepository, JobRow, JobStatus, NewJob } from "./jobs.ts";
export { migrateToLatest } from "./migrate.ts";
export { openStorage, type StorageOptions } from "./open-storage.ts";
export { redactUrl } from "./postgres.ts";
export type { RequestCountRepository } from "./request-counts.ts";
export type { SettingsRepository, SettingsRow } from "./settings.ts";
export { createStorage, type Storage } from "./storage.ts";
export type { TenantRepository, TenantRow } from "./tenants.ts";
