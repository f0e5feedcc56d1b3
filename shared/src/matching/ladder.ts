import { nameAndCompany } from "../import-rules/name-and-company.ts";
import { matchKey, normalizePersonName } from "./company.ts";
import { normalizeEmail, normalizePhone } from "./contact.ts";

export interface LadderCustomer {
  name: string;
  company: string;
  email?: string | undefined;
  phone?: string | undefined;
}

export interface LadderCandidate {
  recordId: string;
  recordNumber: string;
  name: string;
  company: string;
  email: string;
  phone: string;
}

/** Which rung decided, for the export's history ("matched by e-mail"). */
export type LadderStep = "nameCompany" | "email" | "phone";

export type MatchDecision =
  | { kind: "match"; recordId: string; by: LadderStep }
  | { kind: "ambiguous"; recordIds: string[]; by: LadderStep }
  /**
   * No rung hit, but a record holds the same person's name at another company: maybe the same person who
   * moved, maybe a namesake. Never guessed, and never registered (顧客名 is unique in kintone, and a second
   * 同名 record would be a duplicate to a person reading the app).
   */
  | { kind: "name_taken"; recordIds: string[] }
  | { kind: "none" };

interface Rung {
  step: LadderStep;
  key: (customer: { name: string; company: string; email: string; phone: string }) => string;
}

// A blank name+company pair has the key ["",""]: it must not count as a key, or blank records would match.
const nameCompanyKey = (c: { name: string; company: string }) => {
  const key = matchKey(c.name, c.company);
  return key === '["",""]' ? "" : key;
};

const RUNGS: Rung[] = [
  { step: "nameCompany", key: nameCompanyKey },
  { step: "email", key: (c) => normalizeEmail(c.email) },
  { step: "phone", key: (c) => normalizePhone(c.phone) },
];

const unique = (ids: string[]) => [...new Set(ids)];

/**
 * The customer record an export would write its minutes against, and what an added record would hold in
 * 顧客名: the name, or the company when there is no name (SPEC I3).
 */
export function registeredName(customer: Pick<LadderCustomer, "name" | "company">): string {
  return registered(customer).name;
}

/** 会社名 of an added record: the company, or the name when there is none (SPEC I2). */
export function registeredCompany(customer: Pick<LadderCustomer, "name" | "company">): string {
  return registered(customer).company;
}

const registered = (customer: Pick<LadderCustomer, "name" | "company">) =>
  nameAndCompany({ name: customer.name.trim(), company: customer.company.trim() });

/**
 * SPEC E3's matching ladder over customer-app records: normalized name+company, then e-mail, then phone. The
 * first rung with any hit decides: one record links, several are never guessed between (the export waits as
 * 要確認), and a lower rung is not asked to break the tie, since a person must choose. With no hit, a record
 * holding the same normalized name (at another company) makes it `name_taken`, not a clean miss. An empty
 * value on the event skips its rung; an empty value on a record never matches.
 *
 * Export, auto-registration and CRM候補検索 all judge "the same customer" by this ladder's first rung, the
 * same key `rankCandidates` scores 1 (docs/matching.md).
 */
export function decideMatch(customer: LadderCustomer, candidates: readonly LadderCandidate[]): MatchDecision {
  const event = { ...customer, email: customer.email ?? "", phone: customer.phone ?? "" };
  for (const rung of RUNGS) {
    const wanted = rung.key(event);
    if (wanted === "") continue;
    // A record fetched by two searches (name and e-mail, say) is still one record.
    const hits = unique(candidates.filter((c) => rung.key(c) === wanted).map((c) => c.recordId));
    const [only, ...more] = hits;
    if (only === undefined) continue;
    if (more.length === 0) return { kind: "match", recordId: only, by: rung.step };
    return { kind: "ambiguous", recordIds: hits, by: rung.step };
  }
  const name = normalizePersonName(registeredName(customer));
  if (name !== "") {
    const taken = unique(
      // kintone keeps 顧客名 unique, so the record's own 顧客名 is what a new record would collide with.
      candidates.filter((c) => normalizePersonName(c.name) === name).map((c) => c.recordId),
    );
    if (taken.length > 0) return { kind: "name_taken", recordIds: taken };
  }
  return { kind: "none" };
}

/** What an export does with the ladder's decision (SPEC E3). */
export type ExportStep = "write" | "review" | "register" | "skip";

export function exportStep(decision: MatchDecision, autoRegister: boolean): ExportStep {
  switch (decision.kind) {
    case "match":
      return "write";
    case "ambiguous":
    case "name_taken":
      return "review";
    case "none":
      return autoRegister ? "register" : "skip";
  }
}
