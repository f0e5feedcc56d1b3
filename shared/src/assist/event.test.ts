import { describe, expect, test } from "vitest";
import { z } from "zod";
import {
  crmCandidateSchema,
  crmCandidatesQuerySchema,
  crmCandidatesResponseSchema,
} from "./crm-candidates.ts";
import { exampleAssistEvent } from "./event.fixture.ts";
import { assistEventSchema, customerIdOnly, unknownCustomerIssues } from "./event.ts";
import { assistAcceptedSchema, exportStatusSchema, exportViewSchema } from "./export-view.ts";
import { usersResponseSchema, userUpsertSchema, userViewSchema } from "./users.ts";

const EVENT = exampleAssistEvent();

type Event = typeof EVENT;
const edit = (change: (event: Event) => unknown) => change(structuredClone(EVENT));

describe("assistEventSchema", () => {
  test.each<[string, unknown, string | null]>([
    ["API.md example", EVENT, null],
    [
      "customer by FA id, name and company empty",
      edit((e) => ({ ...e, customer: { id: "c-1", name: "", company: "" } })),
      null,
    ],
    [
      "no id: a company alone finds the customer",
      edit((e) => ({ ...e, customer: { id: null, name: "", company: "サンプル" } })),
      null,
    ],
    [
      "no id: a name alone finds the customer",
      edit((e) => ({ ...e, customer: { id: null, name: "佐藤", company: " " } })),
      null,
    ],
    [
      "no id: neither name nor company",
      edit((e) => ({ ...e, customer: { id: null, name: " ", company: "" } })),
      "customer.name",
    ],
    [
      "customer id must be given (null or a value)",
      edit((e) => ({ ...e, customer: { name: "佐藤", company: "" } })),
      "customer.id",
    ],
    ["eventId: empty", edit((e) => ({ ...e, eventId: "  " })), "eventId"],
    ["eventId: 200 characters", edit((e) => ({ ...e, eventId: "e".repeat(200) })), null],
    ["eventId: 201 characters", edit((e) => ({ ...e, eventId: "e".repeat(201) })), "eventId"],
    ["eventId: a number is accepted", edit((e) => ({ ...e, eventId: 17 })), null],
    ["occurredAt: not an instant", edit((e) => ({ ...e, occurredAt: "yesterday" })), "occurredAt"],
    [
      "meeting.startedAt: required",
      edit((e) => ({ ...e, meeting: { ...e.meeting, startedAt: undefined } })),
      "meeting.startedAt",
    ],
    [
      "meeting.url: http is fine",
      edit((e) => ({ ...e, meeting: { ...e.meeting, url: "http://localhost:3000/m/1" } })),
      null,
    ],
    [
      "meeting.url: not http(s)",
      edit((e) => ({ ...e, meeting: { ...e.meeting, url: "javascript:alert(1)" } })),
      "meeting.url",
    ],
    [
      "meeting.url: not a URL",
      edit((e) => ({ ...e, meeting: { ...e.meeting, url: "minutes/abc" } })),
      "meeting.url",
    ],
    ["minutes: empty strings are fine", edit((e) => ({ ...e, minutes: { summary: "", body: "" } })), null],
    [
      "minutes: a long body",
      edit((e) => ({ ...e, minutes: { summary: "", body: "議".repeat(300_000) } })),
      null,
    ],
    ["minutes.body: required", edit((e) => ({ ...e, minutes: { summary: "" } })), "minutes.body"],
    [
      "user.email: not an address",
      edit((e) => ({ ...e, user: { ...e.user, email: "yamada" } })),
      "user.email",
    ],
    ["user.id: empty", edit((e) => ({ ...e, user: { ...e.user, id: "" } })), "user.id"],
  ])("%s", (_rule, value, failingPath) => {
    const result = assistEventSchema.safeParse(value);
    if (failingPath === null) {
      expect(result.error).toBeUndefined();
    } else {
      expect(result.error?.issues.map((issue) => issue.path.join("."))).toContain(failingPath);
    }
  });

  test("ids are trimmed strings; minutes are kept as written", () => {
    const parsed = assistEventSchema.parse(
      edit((e) => ({
        ...e,
        eventId: " evt-1 ",
        customer: { id: 7, name: "", company: "" },
        minutes: { summary: " a ", body: "\n b\n" },
      })),
    );
    expect([parsed.eventId, parsed.customer.id, parsed.minutes]).toEqual([
      "evt-1",
      "7",
      { summary: " a ", body: "\n b\n" },
    ]);
  });
});

describe("small assist bodies", () => {
  test.each<[string, z.ZodType, unknown, boolean]>([
    ["export status: needs_review", exportStatusSchema, "needs_review", true],
    ["export status: unknown", exportStatusSchema, "done", false],
    [
      "export view: queued, nothing else known",
      exportViewSchema,
      { exportId: "x-1", eventId: "evt-1", status: "queued" },
      true,
    ],
    [
      "export view: written",
      exportViewSchema,
      { exportId: "x-1", eventId: "evt-1", status: "written", kintoneRecordId: "9", customerId: "c-1" },
      true,
    ],
    ["export view: status required", exportViewSchema, { exportId: "x-1", eventId: "evt-1" }, false],
    ["accepted", assistAcceptedSchema, { exportId: "x-1", status: "queued" }, true],
    ["accepted: exportId required", assistAcceptedSchema, { status: "queued" }, false],
    ["user upsert", userUpsertSchema, { name: "山田 太郎", email: "yamada@example.co.jp" }, true],
    ["user upsert: blank name", userUpsertSchema, { name: " ", email: "yamada@example.co.jp" }, false],
    ["user upsert: bad e-mail", userUpsertSchema, { name: "山田", email: "yamada" }, false],
    [
      "user view: unmapped",
      userViewSchema,
      { id: "u-1", name: "山田", email: "", kintoneUserCode: null },
      true,
    ],
    ["user view: mapping must be stated", userViewSchema, { id: "u-1", name: "山田", email: "" }, false],
    ["users list", usersResponseSchema, { users: [] }, true],
    [
      "candidate",
      crmCandidateSchema,
      { recordId: "3", recordNumber: "3", name: "佐藤", company: "サンプル", score: 0.9 },
      true,
    ],
    [
      "candidate: score above 1",
      crmCandidateSchema,
      { recordId: "3", recordNumber: "3", name: "", company: "", score: 2 },
      false,
    ],
    ["candidates: empty list", crmCandidatesResponseSchema, { candidates: [] }, true],
    ["candidates query: both left out", crmCandidatesQuerySchema, {}, false],
    ["candidates query: a company alone", crmCandidatesQuerySchema, { company: "サンプル" }, true],
  ])("%s", (_rule, schema, value, valid) => {
    expect(schema.safeParse(value).success).toBe(valid);
  });
});

// The server publishes /openapi.json from these schemas; one that cannot be converted breaks that endpoint.
describe("assist schemas convert to JSON Schema", () => {
  test.each<[string, z.ZodType]>([
    ["assistEventSchema", assistEventSchema],
    ["exportViewSchema", exportViewSchema],
    ["assistAcceptedSchema", assistAcceptedSchema],
    ["userUpsertSchema", userUpsertSchema],
    ["usersResponseSchema", usersResponseSchema],
    ["crmCandidatesResponseSchema", crmCandidatesResponseSchema],
    ["crmCandidatesQuerySchema", crmCandidatesQuerySchema],
  ])("%s", (_name, schema) => {
    expect(() => z.toJSONSchema(schema, { io: "input" })).not.toThrow();
    expect(() => z.toJSONSchema(schema, { io: "output" })).not.toThrow();
  });
});

// Issue 11 #6: an event that names its customer by an id alone can only be written if the backend knows that
// id; the intake looks it up (and refuses an unknown one with 422) exactly in these cases.
describe("customerIdOnly", () => {
  test.each<[string, { id: string | null; name: string; company: string }, string | null]>([
    ["an id, name and company empty → the id must be known", { id: "c-1", name: "", company: "" }, "c-1"],
    ["an id and a name → the name can find the customer", { id: "c-1", name: "佐藤", company: "" }, null],
    [
      "an id and a company → the company can find the customer",
      { id: "c-1", name: "", company: "サンプル" },
      null,
    ],
    ["no id → the matching ladder, nothing to look up", { id: null, name: "佐藤", company: "" }, null],
  ])("%s", (_rule, customer, expected) => {
    expect(customerIdOnly(customer)).toBe(expected);
  });

  test("a blank name or company counts as empty once the schema has trimmed it", () => {
    const parsed = assistEventSchema.parse(
      edit((e) => ({ ...e, customer: { id: "c-1", name: " ", company: "\u3000" } })),
    );
    expect(customerIdOnly(parsed.customer)).toBe("c-1");
  });

  test.each<["ja" | "en", RegExp]>([
    ["ja", /顧客 ID「c-9」/],
    ["en", /No customer with the ID "c-9"/],
  ])("unknownCustomerIssues names customer.id and customer.name (%s)", (language, idText) => {
    const issues = unknownCustomerIssues("c-9", language);
    expect(issues.map((i) => i.path)).toEqual(["customer.id", "customer.name"]);
    expect(issues[0]?.message).toMatch(idText);
  });
});
