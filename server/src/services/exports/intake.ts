import type { AssistEvent } from "@front-agent/shared";
import { uuidv7 } from "../../ids.ts";
import type { ExportRow, Storage } from "../../storage/index.ts";

export const EXPORT_JOB = "export";

/**
 * SPEC E1/E5: the event is stored (with the job that writes it) in one transaction before it is answered,
 * so an accepted event survives a crash; the same eventId again finds the stored export and queues nothing.
 */
export async function acceptAssistEvent(
  storage: Storage,
  tenantId: string,
  event: AssistEvent,
  now: Date,
): Promise<{ export: ExportRow; created: boolean }> {
  return storage.transaction(async (tx) => {
    const result = await tx.exports.createOrGet({
      id: uuidv7(now.getTime()),
      tenantId,
      eventId: event.eventId,
      event,
      createdAt: now.toISOString(),
    });
    if (result.created) await queueExport(tx, tenantId, result.export.id, now);
    return result;
  });
}

export function queueExport(storage: Storage, tenantId: string, exportId: string, now: Date) {
  return storage.jobs.enqueue({
    tenantId,
    kind: EXPORT_JOB,
    payload: { exportId },
    runAt: now.toISOString(),
  });
}
