import type { ImportRunKind, ImportRunRow, Storage } from "../storage/index.ts";
import { startImportRun } from "./import/start-run.ts";
import { requireStoredSettings } from "./settings.ts";

export interface SyncDeps {
  storage: Storage;
  now(): Date;
  /** Wakes the job worker of this process. */
  jobsQueued(): void;
}

/**
 * POST /v1/kintone/sync: an import run of the kind asked, once the settings are saved (SETTINGS_NOT_FOUND
 * before); one already going is IMPORT_ALREADY_RUNNING.
 */
export async function startSync(
  deps: SyncDeps,
  tenantId: string,
  kind: ImportRunKind,
): Promise<ImportRunRow> {
  await requireStoredSettings(deps.storage, tenantId);
  const run = await startImportRun(deps.storage, tenantId, kind, deps.now());
  deps.jobsQueued();
  return run;
}
