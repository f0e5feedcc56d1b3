export { matchKey, matchParts, normalizeCompany, normalizePersonName } from "./company.ts";
export { normalizeEmail, normalizePhone } from "./contact.ts";
export {
  decideMatch,
  type ExportStep,
  exportStep,
  type LadderCandidate,
  type LadderCustomer,
  type LadderStep,
  type MatchDecision,
  registeredCompany,
  registeredName,
} from "./ladder.ts";
export { type RankCandidate, type RankQuery, rankCandidates } from "./rank.ts";
export { customerRecordToAdd, type NewCustomerRecord, splitPersonName } from "./registration.ts";
export { containmentScore, dice } from "./similarity.ts";
