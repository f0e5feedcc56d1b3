import type { ExportRow, Storage } from "../../storage/index.ts";
import { requeueExport } from "./intake.ts";
import { Refused } from "./refused.ts";

export interface RetryDeps {
  storage: Storage;
  now(): Date;
  /** Wakes the job worker of this process. */
  jobsQueued(): void;
}

/** The tenant's export; EXPORT_NOT_FOUND (404) when it has none by that id. */
export async function findExport(storage: Storage, tenantId: string, exportId: string): Promise<ExportRow> {
  const row = await storage.exports.get(tenantId, exportId);
  if (!row) throw new Refused("EXPORT_NOT_FOUND");
  return row;
}

/**
 * 再送 (SPEC E5), for Front Agent (service token) and the administrator (connection key) alike: the export
 * is queued again unless it is written. It can never write twice: the writer takes only a queued export and
 * looks for the record an earlier attempt added before adding one.
 */
export async function retryExport(
  deps: RetryDeps,
  tenantId: string,
  exportId: string,
): Promise<{ exportId: string; status: "queued" }> {
  const row = await findExport(deps.storage, tenantId, exportId);
  if (row.status === "written") throw new Refused("EXPORT_ALREADY_WRITTEN");
  const now = deps.now();
  await deps.storage.transaction((tx) => requeueExport(tx, tenantId, row.id, now));
  deps.jobsQueued();
  return { exportId: row.id, status: "queued" };
}
