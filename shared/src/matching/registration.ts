import type { CustomerFields } from "../schemas/settings-parts.ts";
import { registeredCompany, registeredName } from "./ladder.ts";

export type NewCustomerRecord = Record<string, { value: string }>;

/**
 * 「山田 太郎」→ 姓「山田」, 名「太郎」: split at the first space (half- or full-width), as the import joins
 * them (SPEC S4). A name without a space goes whole into 姓; kintone has no rule to tell its halves apart.
 */
export function splitPersonName(name: string): { lastName: string; firstName: string } {
  const trimmed = name.trim();
  const at = trimmed.search(/[\s\u3000]/u);
  if (at < 0) return { lastName: trimmed, firstName: "" };
  return { lastName: trimmed.slice(0, at), firstName: trimmed.slice(at + 1).trim() };
}

/**
 * The customer record auto-registration adds (SPEC E3): 顧客名 = the name (the company when there is none,
 * I3), 会社名 = the company (the name when there is none, I2). With 姓 + 名 mapped instead of 顧客名 the
 * name is split. Only name and company: the rest of a customer record is the administrator's to fill.
 */
export function customerRecordToAdd(
  fields: Pick<CustomerFields, "name" | "lastName" | "firstName" | "company">,
  customer: { name: string; company: string },
): NewCustomerRecord {
  const name = registeredName(customer);
  const company = registeredCompany(customer);
  const record: NewCustomerRecord = {};
  if (fields.name) {
    record[fields.name] = { value: name };
  } else {
    const { lastName, firstName } = splitPersonName(name);
    if (fields.lastName) record[fields.lastName] = { value: lastName };
    if (fields.firstName) record[fields.firstName] = { value: firstName };
  }
  if (fields.company) record[fields.company] = { value: company };
  return record;
}
