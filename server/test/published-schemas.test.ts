import { templateSeed } from "@front-agent/kintone-emulator";
import { importPreviewSchema, runIssuesResponseSchema, statusSchema } from "@front-agent/shared";
import { afterAll, beforeAll, expect, test } from "vitest";
import { z } from "zod";
import { forEachDatabase, type Harness, newestRunSucceeded, startHarness } from "./harness.ts";

// GET /openapi.json is generated from the shared schemas: an answer must hold nothing they do not name, or
// the published contract silently falls behind the backend (zod objects let unknown keys through).
let h: Harness;

/** The schema with every object strict, so an unnamed key fails the parse and names itself. */
function strict(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodObject)
    return z.strictObject(
      Object.fromEntries(Object.entries(schema.shape).map(([k, v]) => [k, strict(v as z.ZodType)])),
    );
  if (schema instanceof z.ZodArray) return z.array(strict(schema.element as z.ZodType));
  if (schema instanceof z.ZodOptional) return strict(schema.unwrap() as z.ZodType).optional();
  if (schema instanceof z.ZodNullable) return strict(schema.unwrap() as z.ZodType).nullable();
  return schema;
}

forEachDatabase((database) => {
  beforeAll(async () => {
    h = await startHarness({ database, seed: templateSeed({ customers: 5, spreadDays: 5 }) });
    await h.api("PUT", "/v1/kintone/settings", { body: h.settings() });
    await newestRunSucceeded(h);
  });
  afterAll(() => h.close());

  test("GET /v1/kintone/status holds exactly what the published Status schema names", async () => {
    const status = await h.api("GET", "/v1/kintone/status");
    expect(status.status).toBe(200);
    const parsed = strict(statusSchema).safeParse(status.body);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });

  test("POST /v1/kintone/import-preview holds exactly what the published ImportPreview names", async () => {
    const preview = await h.api("POST", "/v1/kintone/import-preview", { body: h.settings() });
    expect(preview.status).toBe(200);
    const parsed = strict(importPreviewSchema).safeParse(preview.body);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });

  test("GET /v1/kintone/runs/{id}/issues holds exactly what the published answer names", async () => {
    const run = (await newestRunSucceeded(h)).id;
    const answer = await h.api("GET", `/v1/kintone/runs/${run}/issues`);
    expect(answer.status).toBe(200);
    const parsed = strict(runIssuesResponseSchema).safeParse(answer.body);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });
});
