import {
  adminExportListQuerySchema,
  adminExportPageSchema,
  assistAcceptedSchema,
  assistEventSchema,
  checksResponseSchema,
  crmCandidatesQuerySchema,
  crmCandidatesResponseSchema,
  customerCreateSchema,
  customerListQuerySchema,
  customerListSchema,
  customerPatchSchema,
  customerSchema,
  customerUrlSchema,
  errorEnvelopeSchema,
  exportCandidatesResponseSchema,
  exportLinkedSchema,
  exportViewSchema,
  importPreviewSchema,
  kintoneLinkRequestSchema,
  runIssuesResponseSchema,
  settingsSavedSchema,
  settingsSchema,
  statusSchema,
  storedSettingsSchema,
  syncAcceptedSchema,
  syncRequestSchema,
  tenantCreatedSchema,
  tenantCreateSchema,
  userPathSchema,
  usersResponseSchema,
  userUpsertSchema,
  userViewSchema,
} from "@front-agent/shared";
import { z } from "zod";

type Schema = z.ZodType;

function json(schema: Schema) {
  return {
    content: {
      "application/json": { schema: z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) },
    },
  };
}

/** Path or query parameters, one per property of the schema the route validates them with. */
interface Parameters {
  path?: z.ZodObject;
  query?: z.ZodObject;
}

function parameters({ path, query }: Parameters) {
  const list = (where: "path" | "query", schema: z.ZodObject | undefined) =>
    Object.entries(schema?.shape ?? {}).map(([name, property]) => ({
      name,
      in: where,
      // Optional, or with a default: a query parameter that may be left out.
      required: where === "path" || !property.safeParse(undefined).success,
      // A path segment is always a string: its limits are those of the id once read (the pipe's output).
      schema: z.toJSONSchema(property, { io: where === "path" ? "output" : "input", unrepresentable: "any" }),
    }));
  return [...list("path", path), ...list("query", query)];
}

function operation(
  summary: string,
  security: string | string[] | null,
  body: Schema | null,
  responses: Record<string, [string, Schema | null]>,
  params: Parameters = {},
) {
  const published = parameters(params);
  return {
    summary,
    // Several schemes: any one of them (OpenAPI's list of alternatives).
    ...(security ? { security: [security].flat().map((scheme) => ({ [scheme]: [] })) } : {}),
    ...(published.length > 0 ? { parameters: published } : {}),
    ...(body ? { requestBody: { required: true, ...json(body) } } : {}),
    responses: Object.fromEntries(
      Object.entries(responses).map(([status, [description, schema]]) => [
        status,
        { description, ...(schema ? json(schema) : {}) },
      ]),
    ),
  };
}

const errors = {
  "401": ["Missing or bad credentials", errorEnvelopeSchema],
  "422": ["Schema validation failed", errorEnvelopeSchema],
} as const satisfies Record<string, [string, Schema]>;

/** GET /openapi.json, generated from the same zod schemas that validate requests (API.md). */
export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Front Agent × kintone backend",
      version: "1.0.0",
      description: "The HTTP contract of docs/api.md.",
    },
    components: {
      securitySchemes: {
        adminToken: { type: "http", scheme: "bearer", description: "ADMIN_TOKEN" },
        connectionKey: {
          type: "http",
          scheme: "bearer",
          description:
            "The tenant's connection key: typed by the administrator on the plug-in's config screen, sent through kintone's proxy, never stored in kintone",
        },
        recordKey: {
          type: "http",
          scheme: "bearer",
          description:
            "The record key: stored by the plug-in with setProxyConfig for record pages; only GET /v1/kintone/customer-link accepts it",
        },
        serviceToken: {
          type: "http",
          scheme: "bearer",
          description: "The tenant's service token (Front Agent)",
        },
      },
    },
    paths: {
      "/healthz": {
        get: operation("200 when the database answers and the jobs have started", null, null, {
          "200": ["OK", null],
          "503": ["Not ready", errorEnvelopeSchema],
        }),
      },
      "/metrics": { get: operation("Prometheus text", null, null, { "200": ["Counters", null] }) },
      "/v1/admin/tenants": {
        post: operation("Create a tenant; the secrets are shown once", "adminToken", tenantCreateSchema, {
          "201": ["Created", tenantCreatedSchema],
          ...errors,
        }),
      },
      "/v1/kintone/settings": {
        put: operation("Validate against kintone and store", "connectionKey", settingsSchema, {
          "200": ["Stored", settingsSavedSchema],
          ...errors,
          "502": ["kintone failed", errorEnvelopeSchema],
        }),
        get: operation("The stored settings, tokens masked", "connectionKey", null, {
          "200": ["Stored settings", storedSettingsSchema],
          "404": ["None yet", errorEnvelopeSchema],
        }),
      },
      "/v1/kintone/settings/validate": {
        post: operation("Validate against kintone; stores nothing", "connectionKey", settingsSchema, {
          "200": ["Checks", checksResponseSchema],
          ...errors,
        }),
      },
      "/v1/kintone/import-preview": {
        post: operation(
          "What the first import would do with these settings (reads kintone, writes nothing)",
          "connectionKey",
          settingsSchema,
          {
            "200": ["Preview", importPreviewSchema],
            ...errors,
            "502": ["kintone failed", errorEnvelopeSchema],
          },
        ),
      },
      "/v1/kintone/runs/{id}/issues": {
        get: operation(
          "Why each record of an import run was skipped or failed (up to 1,000)",
          "connectionKey",
          null,
          {
            "200": ["The run and its issues", runIssuesResponseSchema],
            "404": ["No such run", errorEnvelopeSchema],
          },
        ),
      },
      "/v1/kintone/status": {
        get: operation("Runs, next sync, counts", "connectionKey", null, { "200": ["Status", statusSchema] }),
      },
      "/v1/kintone/sync": {
        post: operation("Start a sync now", "connectionKey", syncRequestSchema, {
          "202": ["Started", syncAcceptedSchema],
          "409": ["A run is in progress", errorEnvelopeSchema],
          ...errors,
        }),
      },
      "/v1/kintone/exports": {
        get: operation(
          "The minutes exports, newest first (status, limit, cursor), in the administrator's words",
          "connectionKey",
          null,
          { "200": ["A page", adminExportPageSchema], "400": ["Bad parameters", errorEnvelopeSchema] },
          { query: adminExportListQuerySchema },
        ),
      },
      "/v1/kintone/exports/{id}/retry": {
        post: operation("再送 by the administrator: write again (never twice)", "connectionKey", null, {
          "202": ["Queued", assistAcceptedSchema],
          "404": ["Not found", errorEnvelopeSchema],
          "409": ["Already written", errorEnvelopeSchema],
        }),
      },
      "/v1/kintone/exports/{id}/candidates": {
        get: operation("CRM候補検索 for a needs_review export's customer", "connectionKey", null, {
          "200": ["Candidates", exportCandidatesResponseSchema],
          "404": ["Not found", errorEnvelopeSchema],
          "409": ["Not needs_review", errorEnvelopeSchema],
        }),
      },
      "/v1/kintone/exports/{id}/link": {
        put: operation(
          "Write a needs_review export to a chosen customer-app record (links its customer)",
          "connectionKey",
          kintoneLinkRequestSchema,
          {
            "200": ["Queued", exportLinkedSchema],
            "404": ["No such export or record", errorEnvelopeSchema],
            "409": ["Not needs_review", errorEnvelopeSchema],
            ...errors,
          },
        ),
      },
      "/v1/customers": {
        get: operation(
          "The customer directory (q, limit, cursor)",
          "serviceToken",
          null,
          { "200": ["A page", customerListSchema], "400": ["Bad parameters", errorEnvelopeSchema] },
          { query: customerListQuerySchema },
        ),
        post: operation("Create an FA customer", "serviceToken", customerCreateSchema, {
          "201": ["Created", customerSchema],
          ...errors,
        }),
      },
      "/v1/kintone/customer-link": {
        get: operation(
          "The Front Agent URL of the customer linked to a record (recordId)",
          ["recordKey", "connectionKey"],
          null,
          {
            "200": ["Linked", customerUrlSchema],
            "404": ["Not linked", errorEnvelopeSchema],
          },
        ),
      },
      "/v1/users": {
        get: operation("Front Agent users with their kintone mapping", "connectionKey", null, {
          "200": ["Users", usersResponseSchema],
        }),
      },
      "/v1/users/{id}": {
        put: operation(
          "Register or update a Front Agent user",
          "serviceToken",
          userUpsertSchema,
          { "200": ["Stored", userViewSchema], ...errors },
          { path: userPathSchema },
        ),
      },
      "/v1/events/assist": {
        post: operation("An assist event; signed with X-FA-Signature", "serviceToken", assistEventSchema, {
          "202": ["Accepted and stored", assistAcceptedSchema],
          "200": ["Already received: the existing export", assistAcceptedSchema],
          "403": ["Bad or stale signature", errorEnvelopeSchema],
          "413": ["Over 1 MiB", errorEnvelopeSchema],
          ...errors,
        }),
      },
      "/v1/exports/{id}": {
        get: operation("An export's state", "serviceToken", null, {
          "200": ["Export", exportViewSchema],
          "404": ["Not found", errorEnvelopeSchema],
        }),
      },
      "/v1/exports/{id}/retry": {
        post: operation("再送: write again (never twice)", "serviceToken", null, {
          "202": ["Queued", assistAcceptedSchema],
          "409": ["Already written", errorEnvelopeSchema],
        }),
      },
      "/v1/customers/{id}/kintone-link": {
        put: operation(
          "Link to a customer-app record; waiting exports are written",
          "serviceToken",
          kintoneLinkRequestSchema,
          {
            "200": ["Linked", customerSchema],
            "409": ["The record is linked to another customer", errorEnvelopeSchema],
            ...errors,
          },
        ),
        delete: operation("Unlink", "serviceToken", null, { "200": ["Unlinked", customerSchema] }),
      },
      "/v1/crm-candidates": {
        get: operation(
          "CRM候補検索: customer-app records by name/company, best first",
          "serviceToken",
          null,
          {
            "200": ["Candidates", crmCandidatesResponseSchema],
            "400": ["Neither name nor company, or one too long", errorEnvelopeSchema],
          },
          { query: crmCandidatesQuerySchema },
        ),
      },
      "/v1/customers/{id}/crm-candidates": {
        get: operation("CRM候補検索 for an FA customer", "serviceToken", null, {
          "200": ["Candidates", crmCandidatesResponseSchema],
        }),
      },
      "/v1/customers/{id}": {
        get: operation("One FA customer", "serviceToken", null, {
          "200": ["Customer", customerSchema],
          "404": ["Not found", errorEnvelopeSchema],
        }),
        patch: operation(
          "Change an FA customer (never written to kintone)",
          "serviceToken",
          customerPatchSchema,
          {
            "200": ["Changed", customerSchema],
            "404": ["Not found", errorEnvelopeSchema],
            ...errors,
          },
        ),
      },
    },
  };
}
