import { rankCandidates } from "@front-agent/shared";
import { type CandidateDeps, gatherCandidates } from "./customer-candidates.ts";

export type SearchDeps = CandidateDeps;

export interface CandidateQuery {
  name: string;
  company: string;
}

/**
 * CRM候補検索 (SPEC L1): candidates from the whole customer app, best first. The same candidate source as
 * an export's matching (docs/matching.md), with the index's partial matches added; a record the ladder would
 * write to is exactly one scored 1 here. While the index's first build runs, only kintone's exact answers
 * (every common spelling) are ranked.
 */
export async function searchCandidates(
  deps: SearchDeps,
  tenantId: string,
  query: CandidateQuery,
  limit = 20,
) {
  const name = query.name.trim();
  const company = query.company.trim();
  if (!name && !company) return [];
  const { candidates } = await gatherCandidates(deps, tenantId, { name, company }, { partial: true });
  const plain = candidates.map(({ email: _email, phone: _phone, ...candidate }) => candidate);
  return rankCandidates({ name, company }, plain, limit);
}
