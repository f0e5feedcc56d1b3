import { z } from "zod";

/** One customer-app record offered by CRM候補検索 (SPEC L1). */
export const crmCandidateSchema = z
  .object({
    recordId: z.string().min(1),
    recordNumber: z.string(),
    name: z.string(),
    company: z.string(),
    score: z.number().min(0).max(1).meta({
      description: "1 exact normalized match; below 0.9 partial matches, higher is closer.",
    }),
  })
  .meta({ id: "CrmCandidate" });

/** GET /v1/crm-candidates and GET /v1/customers/{id}/crm-candidates: best first, possibly empty. */
export const crmCandidatesResponseSchema = z.object({ candidates: z.array(crmCandidateSchema) });

/** GET /v1/crm-candidates?name=&company=: either may be left out, not both (nothing to search by). */
export const crmCandidatesQuerySchema = z
  .object({
    name: z.string().trim().max(200).default(""),
    company: z.string().trim().max(200).default(""),
  })
  .superRefine((query, ctx) => {
    if (query.name === "" && query.company === "") {
      ctx.addIssue({ code: "custom", path: ["name"], message: "Give a name or a company" });
    }
  });

export type CrmCandidate = z.output<typeof crmCandidateSchema>;
export type CrmCandidatesQuery = z.output<typeof crmCandidatesQuerySchema>;
