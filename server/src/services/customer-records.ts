import type { KintoneGateway, KintoneRecordJson } from "../kintone/gateway.ts";
import type { ResolvedSettings } from "./settings.ts";

type CustomerApp = ResolvedSettings["customerApp"];

/** A customer-app record in the fields the matching and the candidate search use. */
export function customerCandidate(record: KintoneRecordJson, fields: CustomerApp["fields"]) {
  const text = (code: string | null) =>
    code && typeof record[code]?.value === "string" ? (record[code]?.value as string) : "";
  const recordId = String(record.$id?.value ?? "");
  return {
    recordId,
    recordNumber: text(fields.recordNumber) || recordId,
    name: text(fields.name),
    company: text(fields.company),
    email: text(fields.email),
    phone: text(fields.phone),
  };
}

/** The fields the candidate search reads of a customer record: as little as a full read of the app needs. */
export function candidateFieldsToRead(fields: CustomerApp["fields"]): string[] {
  return [
    "$id",
    ...[fields.name, fields.company, fields.recordNumber].filter((c): c is string => Boolean(c)),
  ];
}

/**
 * A record's record number (`12`, or `CODE-12` when the app has an app code), which is what the activity
 * app's lookup keys on; null when the record does not exist.
 */
export async function readRecordNumber(
  gateway: KintoneGateway,
  app: CustomerApp,
  recordId: string,
): Promise<string | null> {
  const code = app.fields.recordNumber;
  const [record] = await gateway.records(app.appId, `$id = ${recordId}`, ["$id", ...(code ? [code] : [])]);
  if (!record) return null;
  return code ? String(record[code]?.value ?? recordId) : recordId;
}
