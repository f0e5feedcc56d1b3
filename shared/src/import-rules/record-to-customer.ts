import type { CustomerDetails } from "../schemas/customer.ts";
import type { CustomerFields } from "../schemas/settings-parts.ts";
import { firstValue, type KintoneRecord, readCode, singleText, wholeValue } from "./kintone-record.ts";
import { nameAndCompany } from "./name-and-company.ts";

/** The mapped values of one kintone customer record, as an FA customer receives them. */
export type ImportedCustomer = CustomerDetails;

export type SkipReason = "NO_NAME_OR_COMPANY";

export type RecordConversion =
  | { kind: "customer"; customer: ImportedCustomer }
  | { kind: "skip"; reason: SkipReason };

export type CustomerFieldCodes = Omit<CustomerFields, "recordNumber">;

/**
 * SPEC I1–I6. An unmapped code, or one the app lacks, reads as "" (I6): a deleted field must not stop an
 * import of thousands of records.
 */
export function recordToCustomer(record: KintoneRecord, fields: CustomerFieldCodes): RecordConversion {
  const text = (code: string | null) => readCode(record, code, singleText);
  const one = (code: string | null) => readCode(record, code, firstValue);
  const whole = (code: string | null) => readCode(record, code, wholeValue);

  // 氏名 from one field, or 姓 + 名 joined as Japanese writes them ("姓 名"), skipping an empty half.
  const fullName = text(fields.name);
  const name =
    fullName !== "" ? fullName : [text(fields.lastName), text(fields.firstName)].filter(Boolean).join(" ");
  const company = text(fields.company);

  if (name === "" && company === "") return { kind: "skip", reason: "NO_NAME_OR_COMPANY" }; // I1
  const both = nameAndCompany({ name, company }); // I2/I3
  return {
    kind: "customer",
    // Written out, not spread: an object spread costs microseconds a record, 100,000 times (issue 16).
    customer: {
      name: both.name,
      company: both.company,
      department: text(fields.department),
      email: one(fields.email), // I5: one address, one number: the first line
      phone: one(fields.phone),
      address: whole(fields.address), // I5: one address, all its lines
    },
  };
}
