import { type AssistEvent, customerIdOnly, type Language, unknownCustomerIssues } from "@front-agent/shared";
import { DomainError } from "../../domain-error.ts";
import { uuidv7 } from "../../ids.ts";
import type { ExportRow, Storage } from "../../storage/index.ts";

export const EXPORT_JOB = "export";

export interface Accepted {
  export: ExportRow;
  created: boolean;
}

/**
 * SPEC E1/E5: the event is stored (with the job that writes it) in one transaction before it is answered,
 * so an accepted event survives a crash; the same eventId again finds the stored export and queues nothing.
 */
export async function acceptAssistEvent(
  storage: Storage,
  tenantId: string,
  event: AssistEvent,
  now: Date,
): Promise<Accepted> {
  return storage.transaction((tx) => storeEvent(tx, tenantId, event, now, new Set()));
}

/**
 * An event names its customer by an id alone (no name, no company) and the backend does not know the id:
 * answered like a schema failure (same code, same details), so Front Agent fixes and resends it.
 */
export class UnknownCustomerError extends DomainError {
  readonly code = "VALIDATION_FAILED";
  readonly httpStatus = 422;

  constructor(readonly customerId: string) {
    super(`unknown FA customer ${customerId}`);
    this.name = "UnknownCustomerError";
  }

  override details(language: Language) {
    return { issues: unknownCustomerIssues(this.customerId, language) };
  }
}

/**
 * Issue 11 #6: an id alone is all the writer would have to find or register the customer, so an id the
 * backend does not know is refused now (422) rather than failing later. Only such events pay for the lookup.
 * It runs before the transaction: FA customers are never deleted, so one found now is there when stored.
 */
async function checkCustomerKnown(storage: Storage, tenantId: string, event: AssistEvent): Promise<void> {
  const customerId = customerIdOnly(event.customer);
  if (customerId === null) return;
  if (!(await storage.customers.get(tenantId, customerId))) throw new UnknownCustomerError(customerId);
}

async function storeEvent(
  tx: Storage,
  tenantId: string,
  event: AssistEvent,
  now: Date,
  /** Users already added in this transaction (a burst is mostly a few users' events). */
  usersAdded: Set<string>,
): Promise<Accepted> {
  // SPEC S8, issue 11 #8: whoever sends events is a Front Agent user the plug-in can map, registered by
  // PUT /v1/users or not. The event never overwrites a user that exists, and so never a registration;
  // nor the name a first event gave: events are retried, resent and delivered out of order, so the latest
  // to arrive is not the newest name, and PUT /v1/users is the way to correct one. The mapping is keyed
  // on the id, so a stale name only labels a row. Not updating keeps this one insert that writes nothing
  // for a known user.
  const userKey = `${tenantId}\u0000${event.user.id}`;
  if (!usersAdded.has(userKey)) {
    usersAdded.add(userKey);
    await tx.users.addIfAbsent(tenantId, {
      id: event.user.id,
      name: event.user.name,
      email: event.user.email,
      updatedAt: now.toISOString(),
    });
  }
  const result = await tx.exports.createOrGet({
    id: uuidv7(now.getTime()),
    tenantId,
    eventId: event.eventId,
    event,
    createdAt: now.toISOString(),
  });
  if (result.created) await queueExport(tx, tenantId, result.export.id, now);
  return result;
}

export function queueExport(storage: Storage, tenantId: string, exportId: string, now: Date) {
  return storage.jobs.enqueue({
    tenantId,
    kind: EXPORT_JOB,
    payload: { exportId },
    runAt: now.toISOString(),
  });
}

/**
 * An export sent again: 再送 (SPEC E5), its customer linked (SPEC L2), its user mapped (SPEC E4). It is
 * queued, moved to `customerId` when given, with the job that writes it, in the caller's transaction so the
 * two are stored together. The caller wakes the worker once it has committed.
 */
export async function requeueExport(
  tx: Storage,
  tenantId: string,
  exportId: string,
  now: Date,
  customerId?: string,
): Promise<void> {
  await tx.exports.update(tenantId, exportId, {
    status: "queued",
    ...(customerId === undefined ? {} : { customerId }),
    at: now.toISOString(),
  });
  await queueExport(tx, tenantId, exportId, now);
}

interface Waiting {
  tenantId: string;
  event: AssistEvent;
  resolve(accepted: Accepted): void;
  reject(error: unknown): void;
}

/**
 * Group commit for assist events. The events that arrive while the event loop is busy are stored in one
 * transaction when it next turns, so a burst costs one commit per batch instead of one per event (the
 * commit is most of an accept's database time). Nobody is answered before their batch is committed, so
 * every 202 still means "stored durably". A batch that fails is retried one event per transaction, so
 * one bad event cannot fail the others. Up to MAX_FLUSHES batches are stored at once: on PostgreSQL each
 * is a transaction of its own on another connection, and a batch spends most of its time waiting for
 * round trips (issue 14 benchmark); on SQLite they take the one write lock in turn.
 */
const MAX_FLUSHES = 4;

export class ExportIntake {
  private waiting: Waiting[] = [];
  /** Batches being stored, plus one scheduled to start. */
  private flushes = 0;

  constructor(
    private readonly storage: Storage,
    private readonly now: () => Date,
    private readonly onQueued: () => void,
  ) {}

  async accept(tenantId: string, event: AssistEvent): Promise<Accepted> {
    await checkCustomerKnown(this.storage, tenantId, event);
    return new Promise((resolve, reject) => {
      this.waiting.push({ tenantId, event, resolve, reject });
      this.schedule();
    });
  }

  /** A new batch starts on the next turn unless one is about to, or enough are being stored already. */
  private schedule(): void {
    if (this.starting || this.flushes >= MAX_FLUSHES || this.waiting.length === 0) return;
    this.starting = true;
    this.flushes++;
    setImmediate(() => {
      this.starting = false;
      void this.flush();
    });
  }

  private starting = false;

  private async flush(): Promise<void> {
    const batch = this.waiting;
    this.waiting = [];
    const now = this.now();
    try {
      if (batch.length === 0) return;
      const results = await this.storage.transaction(async (tx) => {
        const stored: Accepted[] = [];
        const usersAdded = new Set<string>();
        for (const item of batch)
          stored.push(await storeEvent(tx, item.tenantId, item.event, now, usersAdded));
        return stored;
      });
      batch.forEach((item, i) => {
        item.resolve(results[i] as Accepted);
      });
      if (results.some((r) => r.created)) this.onQueued();
    } catch {
      for (const item of batch) {
        try {
          const result = await acceptAssistEvent(this.storage, item.tenantId, item.event, now);
          item.resolve(result);
          if (result.created) this.onQueued();
        } catch (error) {
          item.reject(error);
        }
      }
    } finally {
      this.flushes--;
      this.schedule();
    }
  }
}
