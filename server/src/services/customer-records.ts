import type { CustomerFields } from "@front-agent/shared";
import type { KintoneGateway, KintoneRecordJson } from "../kintone/gateway.ts";
import type { CustomerApp } from "./settings.ts";

/**
 * A customer-app record in the fields the matching ladder and CRM候補検索 use. The name is 顧客名, or 姓 and
 * 名 joined 「姓 名」 when those are mapped instead (SPEC S4), exactly as the import reads it.
 */
export function customerCandidate(record: KintoneRecordJson, fields: CustomerFields) {
  const text = (code: string | null) => {
    const value = code ? record[code]?.value : undefined;
    return typeof value === "string" ? value.trim() : "";
  };
  const recordId = String(record.$id?.value ?? "");
  const name = text(fields.name) || [text(fields.lastName), text(fields.firstName)].filter(Boolean).join(" ");
  return {
    recordId,
    recordNumber: text(fields.recordNumber) || recordId,
    name,
    company: text(fields.company),
    email: text(fields.email),
    phone: text(fields.phone),
  };
}

const codes = (...list: Array<string | null>) => list.filter((c): c is string => Boolean(c));

/** The fields the candidate index reads of a customer record: as little as a full read of the app needs. */
export function candidateFieldsToRead(fields: CustomerFields): string[] {
  return [
    "$id",
    ...codes(fields.name, fields.lastName, fields.firstName, fields.company, fields.recordNumber),
  ];
}

/** The fields the matching ladder reads: the candidate's, and e-mail and phone for its lower rungs. */
export function matchFieldsToRead(fields: CustomerFields): string[] {
  return [...candidateFieldsToRead(fields), ...codes(fields.email, fields.phone)];
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
