import { assistEventSchema, type CrmCandidate, nameAndCompany } from "@front-agent/shared";
import type { ExportSummary, Storage } from "../../storage/index.ts";
import { chosenRecord, type LinkDeps, storeLink } from "../customer-link.ts";
import { crmCandidates } from "../customers.ts";
import { requeueExport } from "./intake.ts";
import { Refused } from "./refused.ts";
import { findOrCreateFaCustomer } from "./resolve-customer.ts";

/** The customer an export is for: its FA customer when stored, else as the event named it. */
export function exportCustomer(summary: ExportSummary): { id: string | null; name: string; company: string } {
  const named = summary.customer ?? summary.eventCustomer;
  return {
    id: summary.customerId ?? summary.eventCustomer.id,
    name: named.name,
    company: named.company,
  };
}

/** A needs_review (要確認) export: the only state in which a person chooses its customer record. */
async function exportInReview(storage: Storage, tenantId: string, exportId: string): Promise<ExportSummary> {
  const summary = await storage.exports.summary(tenantId, exportId);
  if (!summary) throw new Refused("EXPORT_NOT_FOUND");
  if (summary.status !== "needs_review") throw new Refused("EXPORT_NOT_IN_REVIEW");
  return summary;
}

/**
 * CRM候補検索 for a waiting export (SPEC L1): the customer-app records its customer may be, best first,
 * the same search as GET /v1/customers/{id}/crm-candidates for its FA customer.
 */
export async function exportCandidates(
  deps: LinkDeps,
  tenantId: string,
  exportId: string,
): Promise<{ customer: ReturnType<typeof exportCustomer>; candidates: CrmCandidate[] }> {
  const summary = await exportInReview(deps.storage, tenantId, exportId);
  const customer = exportCustomer(summary);
  return { customer, candidates: await crmCandidates(deps, tenantId, customer) };
}

/**
 * The administrator says "this meeting belongs to that record" (SPEC L2 from the plug-in). The export's FA
 * customer is linked to the record and every export waiting for it is queued, this one included. When
 * another FA customer already holds the record, that is the customer the meeting was with: the export moves
 * to it and is queued, and its own customer stays unlinked (one customer per record). Answers the export as
 * it was committed, queued, before any worker takes it.
 */
export async function linkExport(
  deps: LinkDeps,
  tenantId: string,
  exportId: string,
  recordId: string,
): Promise<ExportSummary> {
  const summary = await exportInReview(deps.storage, tenantId, exportId);
  const chosen = await chosenRecord(deps, tenantId, recordId);
  const now = deps.now();
  const answer = await deps.storage.transaction(async (tx) => {
    const own = summary.customerId ? await tx.customers.get(tenantId, summary.customerId) : null;
    if (chosen.holder && chosen.holder.id !== own?.id) {
      await requeueExport(tx, tenantId, exportId, now, chosen.holder.id);
    } else if (own) {
      await storeLink(tx, tenantId, own.id, chosen.link, now);
    } else {
      // A waiting export always has its FA customer; should one be gone, the event names who it was.
      const row = await tx.exports.get(tenantId, exportId);
      if (!row) throw new Refused("EXPORT_NOT_FOUND");
      const event = assistEventSchema.parse(row.event);
      const made = await findOrCreateFaCustomer(
        { storage: tx, now: () => now },
        tenantId,
        nameAndCompany(event.customer),
        chosen.link,
      );
      await requeueExport(tx, tenantId, exportId, now, made.id);
    }
    return tx.exports.summary(tenantId, exportId);
  });
  deps.jobsQueued();
  if (!answer) throw new Refused("EXPORT_NOT_FOUND");
  return answer;
}
