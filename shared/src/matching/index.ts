export { matchKey, matchParts, normalizeCompany, normalizePersonName } from "./company.ts";
export { normalizeEmail, normalizePhone } from "./contact.ts";
export {
  decideMatch,
  type LadderCandidate,
  type LadderCustomer,
  type LadderStep,
  type MatchDecision,
} from "./ladder.ts";
export { type RankCandidate, type RankQuery, rankCandidates } from "./rank.ts";
export { containmentScore, dice } from "./similarity.ts";
