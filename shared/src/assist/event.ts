import { z } from "zod";
import type { Language } from "../errors/catalogue.ts";
import { formatMessage } from "../errors/format.ts";
import { instantSchema } from "../schemas/ids.ts";
import { frontAgentIdSchema, looseEmailSchema } from "./ids.ts";

/** The meeting page is opened from kintone's LINK field: only web addresses make sense there. */
const meetingUrlSchema = z
  .url({ protocol: /^https?$/, error: "Must be an http(s) URL" })
  .meta({ examples: ["https://front-agent.example.com/minutes/abc"] });

const customerSchema = z
  .object({
    id: frontAgentIdSchema.nullable().meta({
      description: "The FA customer; null: found in the customer app by normalized name + company (SPEC E3).",
    }),
    name: z.string().trim().max(200),
    company: z.string().trim().max(200),
  })
  .superRefine((customer, ctx) => {
    // Without an id, name and company are all the matching ladder has: both empty cannot find anyone.
    if (customer.id === null && customer.name === "" && customer.company === "") {
      ctx.addIssue({ code: "custom", path: ["name"], message: "Give a name or a company when id is null" });
    }
  });

/** POST /v1/events/assist: minutes of one meeting, to be written to the activity app (SPEC E1–E5). */
export const assistEventSchema = z
  .object({
    eventId: frontAgentIdSchema.meta({
      description: "Unique per event: the same eventId again never writes a second record (SPEC E5).",
      examples: ["evt-0001"],
    }),
    occurredAt: instantSchema,
    user: z
      .object({ id: frontAgentIdSchema, name: z.string().trim().max(200), email: looseEmailSchema })
      .meta({ description: "The Front Agent user who held the meeting (担当者 through the user mapping)." }),
    customer: customerSchema,
    meeting: z.object({
      title: z.string().trim(),
      startedAt: instantSchema.meta({ description: "Written to 対応日時." }),
      endedAt: instantSchema,
      url: meetingUrlSchema,
    }),
    // Not trimmed: the minutes are written as they were taken, line breaks and indentation included.
    minutes: z.object({
      summary: z.string(),
      body: z.string().meta({ description: "The full minutes; may be long (the request is at most 1 MiB)." }),
    }),
  })
  .meta({ id: "AssistEvent", description: "An assist event (API.md), signed with X-FA-Signature." });

export type AssistEvent = z.output<typeof assistEventSchema>;
export type AssistEventInput = z.input<typeof assistEventSchema>;

/**
 * The FA customer id an event relies on alone (name and company empty), or null. With nothing but the id,
 * the writer can neither find the customer in the customer app nor register it, so the backend must know
 * the id when the event is accepted: refused then, Front Agent can fix and resend it; accepted, it would
 * only fail later with a reason that points the administrator at the activity app (issue 11, #6).
 */
export function customerIdOnly(customer: AssistEvent["customer"]): string | null {
  return customer.id !== null && customer.name === "" && customer.company === "" ? customer.id : null;
}

/** The 422 issues for an event whose id-only customer the backend does not know, in the reader's language. */
export function unknownCustomerIssues(
  customerId: string,
  language: Language,
): { path: string; message: string }[] {
  return [
    { path: "customer.id", message: formatMessage("EVENT_CUSTOMER_UNKNOWN", language, { customerId }) },
    { path: "customer.name", message: formatMessage("EVENT_CUSTOMER_NAME_REQUIRED", language) },
  ];
}
