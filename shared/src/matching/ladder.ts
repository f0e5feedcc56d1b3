import { matchKey } from "./company.ts";
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

/**
 * SPEC E3's matching ladder over the customer-app records the caller fetched: normalized name+company, then
 * e-mail, then phone. The first rung with any hit decides: one record links, several are never guessed
 * between (the export waits as 要確認), and a lower rung is not asked to break the tie, since a person must
 * choose. An empty value on the event skips its rung; an empty value on a record never matches.
 */
export function decideMatch(customer: LadderCustomer, candidates: readonly LadderCandidate[]): MatchDecision {
  const event = { ...customer, email: customer.email ?? "", phone: customer.phone ?? "" };
  for (const rung of RUNGS) {
    const wanted = rung.key(event);
    if (wanted === "") continue;
    // A record fetched by two searches (name and e-mail, say) is still one record.
    const hits = [...new Set(candidates.filter((c) => rung.key(c) === wanted).map((c) => c.recordId))];
    const [only, ...more] = hits;
    if (only === undefined) continue;
    if (more.length === 0) return { kind: "match", recordId: only, by: rung.step };
    return { kind: "ambiguous", recordIds: hits, by: rung.step };
  }
  return { kind: "none" };
}
