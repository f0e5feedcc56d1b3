import { z } from "zod";
import { instantSchema, kintoneIdSchema } from "./ids.ts";

/** The kintone customer record an FA customer is linked to. */
export const kintoneLinkSchema = z
  .object({
    appId: z.string(),
    recordId: z.string(),
    recordNumber: z
      .string()
      .meta({ description: 'The RECORD_NUMBER value ("14", or "APPCODE-14" with an app code).' }),
  })
  .meta({ id: "KintoneLink" });

export const unlinkReasonSchema = z.enum(["deleted_in_kintone", "manual", "customer_app_changed"]).meta({
  description:
    "deleted_in_kintone: a full sync found the record gone (SPEC I11); manual: a person unlinked it; customer_app_changed: the settings now name another customer app (or kintone), so the link to the old app's record is no longer used (SPEC E3).",
});

export const unlinkedSchema = z.object({ reason: unlinkReasonSchema, at: instantSchema });

/**
 * The six directory fields of an FA customer: what an import maps from a kintone record, what the database
 * keeps and what the API shows (the request schemas below add their limits to the same names).
 */
export const customerDetailsSchema = z.object({
  name: z.string(),
  company: z.string(),
  department: z.string(),
  email: z.string(),
  phone: z.string(),
  address: z.string(),
});

/** An FA customer (API.md "Customer"). */
export const customerSchema = z
  .object({
    id: z.string(),
    ...customerDetailsSchema.shape,
    kintone: kintoneLinkSchema.nullable(),
    unlinked: unlinkedSchema.nullable(),
    updatedAt: instantSchema,
  })
  .meta({ id: "Customer" });

/** Loose on purpose: one value copied from kintone or a business card, not a deliverability check. */
const emailSchema = z
  .string()
  .trim()
  .max(254)
  .refine((value) => value === "" || /^[^\s@]+@[^\s@]+$/.test(value), "Must look like an e-mail address");

const customerFields = {
  name: z.string().trim().max(200),
  company: z.string().trim().max(200),
  department: z.string().trim().max(200),
  email: emailSchema,
  phone: z.string().trim().max(50),
  address: z.string().trim().max(500),
} satisfies Record<keyof CustomerDetails, z.ZodType<string>>;

/**
 * The same rule as SPEC I1: a customer with neither a name nor a company cannot be found again. A PATCH that
 * sends only one of them is checked by the service, which knows the other.
 */
function requireNameOrCompany(
  body: { name?: string | undefined; company?: string | undefined },
  ctx: z.RefinementCtx,
) {
  if (body.name === "" && body.company === "") {
    ctx.addIssue({ code: "custom", path: ["name"], message: "Give a name or a company" });
  }
}

/** POST /v1/customers. Omitted fields are empty strings. */
export const customerCreateSchema = z
  .object({
    name: customerFields.name.default(""),
    company: customerFields.company.default(""),
    department: customerFields.department.default(""),
    email: customerFields.email.default(""),
    phone: customerFields.phone.default(""),
    address: customerFields.address.default(""),
  })
  .superRefine((body, ctx) => requireNameOrCompany(body, ctx))
  .meta({ id: "CustomerCreate", description: "A new FA customer: a name or a company is required." });

/** PATCH /v1/customers/{id}: only the fields sent change; never written to kintone (SPEC I8). */
export const customerPatchSchema = z
  .object({
    name: customerFields.name.optional(),
    company: customerFields.company.optional(),
    department: customerFields.department.optional(),
    email: customerFields.email.optional(),
    phone: customerFields.phone.optional(),
    address: customerFields.address.optional(),
  })
  .superRefine((body, ctx) => requireNameOrCompany(body, ctx))
  .meta({ id: "CustomerPatch" });

/** GET /v1/customers?q=&limit=&cursor=: query values arrive as strings; limit is read as a number. */
export const customerListQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .meta({ description: "Part of the name, company or e-mail; empty: every customer." }),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(1000).optional().meta({ description: "`nextCursor` of the previous page." }),
});

/** GET /v1/customers: one page of the directory. */
export const customerListSchema = z.object({
  customers: z.array(customerSchema),
  nextCursor: z.string().nullable().meta({ description: "null on the last page." }),
});

/** GET /v1/kintone/customer-link: the Front Agent page of the customer linked to a record. */
export const customerUrlSchema = z.object({ url: z.string() });

/** PUT /v1/customers/{id}/kintone-link. */
export const kintoneLinkRequestSchema = z.object({ recordId: kintoneIdSchema });

export type Customer = z.output<typeof customerSchema>;
export type CustomerDetails = z.output<typeof customerDetailsSchema>;
export type UnlinkReason = z.output<typeof unlinkReasonSchema>;

/** The six directory fields of anything that has them (a database row, a stored customer), and nothing else. */
export function customerDetails(from: CustomerDetails): CustomerDetails {
  return {
    name: from.name,
    company: from.company,
    department: from.department,
    email: from.email,
    phone: from.phone,
    address: from.address,
  };
}
export type KintoneLink = z.output<typeof kintoneLinkSchema>;
export type CustomerList = z.output<typeof customerListSchema>;
export type CustomerUrl = z.output<typeof customerUrlSchema>;
export type CustomerCreate = z.output<typeof customerCreateSchema>;
export type CustomerPatch = z.output<typeof customerPatchSchema>;
export type CustomerListQuery = z.output<typeof customerListQuerySchema>;
