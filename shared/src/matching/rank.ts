import { matchKey, matchParts, normalizeCompany, normalizePersonName } from "./company.ts";
import { containmentScore } from "./similarity.ts";

export interface RankQuery {
  name: string;
  company: string;
}

export interface RankCandidate {
  recordId: string;
  recordNumber: string;
  name: string;
  company: string;
}

const EXACT = 1;
const NEAR = 0.9;
/** Partial matches stay below every exact-ish one, whatever their overlap. */
const PARTIAL_CEILING = 0.8;
const COMPANY_WEIGHT = 0.6;
const NAME_WEIGHT = 0.4;

const companyPart = (company: string) => normalizeCompany(company).replace(/\s+/gu, "");
// "サンプル・テック" and "サンプルテック", "A.B.C." and "ABC": the same name written with other punctuation.
// Null when nothing but punctuation is left, so "・" does not come near a blank record.
function nearKey(name: string, company: string): string | null {
  const parts = matchParts(name, company);
  const strip = (text: string) => text.replace(/[^\p{L}\p{N}]/gu, "");
  const key = [strip(parts.name), strip(parts.company)];
  return key.join("") === "" ? null : JSON.stringify(key);
}

/** Newest first among equals: kintone record ids grow, so compare them as numbers (as digit strings). */
function byRecordIdDescending(a: string, b: string): number {
  if (a.length !== b.length && /^\d+$/.test(a) && /^\d+$/.test(b)) return b.length - a.length;
  return a < b ? 1 : a > b ? -1 : 0;
}

/**
 * CRM候補検索 ranking (SPEC L1), over records the caller fetched (kintone's `like` is a word search, so the
 * exact/partial decision on normalized names is made here): 1 for the ladder's exact key (legal forms, width
 * and white space ignored), 0.9 when only punctuation differs, then partial matches (one normalized string
 * contains the other) scored by bigram overlap, company weighing 0.6 and name 0.4 of what the query gives,
 * scaled below 0.9. Records that match nothing are left out; an empty query finds nothing.
 */
export function rankCandidates<T extends RankCandidate>(
  query: RankQuery,
  candidates: readonly T[],
  limit = 20,
): Array<T & { score: number }> {
  const queryName = normalizePersonName(query.name);
  const queryCompany = companyPart(query.company);
  if (queryName === "" && queryCompany === "") return [];

  const exactKey = matchKey(query.name, query.company);
  const queryNear = nearKey(query.name, query.company);
  const weightSum = (queryCompany === "" ? 0 : COMPANY_WEIGHT) + (queryName === "" ? 0 : NAME_WEIGHT);

  const score = (candidate: T): number => {
    const key = matchKey(candidate.name, candidate.company);
    if (key === exactKey) return EXACT;
    if (queryNear !== null && nearKey(candidate.name, candidate.company) === queryNear) return NEAR;
    const company = COMPANY_WEIGHT * containmentScore(queryCompany, companyPart(candidate.company));
    const name = NAME_WEIGHT * containmentScore(queryName, normalizePersonName(candidate.name));
    return (PARTIAL_CEILING * (company + name)) / weightSum;
  };

  const seen = new Set<string>();
  const scored: Array<T & { score: number }> = [];
  for (const candidate of candidates) {
    if (seen.has(candidate.recordId)) continue;
    seen.add(candidate.recordId);
    const rounded = Math.round(score(candidate) * 1000) / 1000;
    if (rounded > 0) scored.push({ ...candidate, score: rounded });
  }
  scored.sort((a, b) => b.score - a.score || byRecordIdDescending(a.recordId, b.recordId));
  return scored.slice(0, Math.max(0, limit));
}
