import type { Storage } from "../../storage/index.ts";
import { queueExport } from "./intake.ts";
import { Refused } from "./refused.ts";

export interface RetryDeps {
  storage: Storage;
  now(): Date;
  /** Wakes the job worker of this process. */
  jobsQueued(): void;
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
  const row = await deps.storage.exports.get(tenantId, exportId);
  if (!row) throw new Refused("EXPORT_NOT_FOUND");
  if (row.status === "written") throw new Refused("EXPORT_ALREADY_WRITTEN");
  const now = deps.now();
  await deps.storage.transaction(async (tx) => {
    await tx.exports.update(tenantId, row.id, { status: "queued", at: now.toISOString() });
    await queueExport(tx, tenantId, row.id, now);
  });
  deps.jobsQueued();
  return { exportId: row.id, status: "queued" };
}
