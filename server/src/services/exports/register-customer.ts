import { customerRecordToAdd, registeredCompany, registeredName } from "@front-agent/shared";
import { KintoneFailure } from "../../kintone/failure.ts";
import { type CandidateDeps, indexRegistered, type Wanted } from "../customer-candidates.ts";
import { readRecordNumber } from "../customer-records.ts";

export type Registration =
  | {
      kind: "registered";
      /** The record added, with the name and company it holds (I2/I3: one stands in for the other). */
      record: { recordId: string; recordNumber: string; name: string; company: string };
    }
  /** kintone holds the name already (added since the ladder looked): look again before anything else. */
  | { kind: "name_held"; failure: KintoneFailure };

/**
 * SPEC E3 auto-registration: the customer record is **added** (POST), never upserted, so no existing
 * record can be changed, whoever holds its 顧客名. A name kintone refuses as a duplicate means someone
 * added it meanwhile; the caller looks again rather than guessing. Runs under the tenant's customer lock
 * and the new record goes straight into the candidate index, so a second export for the same new customer
 * finds it instead of adding another (which 姓 + 名, with no unique field, could not stop). The caller links
 * the record to an FA customer.
 */
export async function registerCustomer(
  deps: CandidateDeps,
  tenantId: string,
  wanted: Wanted,
): Promise<Registration> {
  const app = deps.settings.customerApp;
  let added: { id: string };
  try {
    added = await deps.gateway.addRecord(app.appId, customerRecordToAdd(app.fields, wanted));
  } catch (error) {
    if (isNameDuplicate(error, app.fields)) return { kind: "name_held", failure: error };
    throw error;
  }
  const recordNumber = (await readRecordNumber(deps.gateway, app, added.id)) ?? added.id;
  const record = {
    recordId: added.id,
    recordNumber,
    name: registeredName(wanted),
    company: registeredCompany(wanted),
  };
  await indexRegistered(deps, tenantId, { ...record, email: "", phone: "" });
  return { kind: "registered", record };
}

/** kintone's CB_VA01 for 値の重複 names the field: `record.<code>.value`. */
function isNameDuplicate(
  error: unknown,
  fields: { name: string | null; lastName: string | null },
): error is KintoneFailure {
  if (!(error instanceof KintoneFailure) || error.kind !== "validation" || !error.errors) return false;
  const codes = [fields.name, fields.lastName].filter((c): c is string => c !== null);
  return Object.keys(error.errors).some((key) => codes.some((code) => key === `record.${code}.value`));
}
