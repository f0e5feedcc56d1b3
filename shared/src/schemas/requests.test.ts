import { describe, expect, test } from "vitest";
import { errorEnvelopeSchema } from "./error-envelope.ts";
import { syncRequestSchema } from "./sync.ts";
import { tenantCreateSchema } from "./tenant.ts";

describe("small request and answer bodies", () => {
  test.each<[string, { safeParse(v: unknown): { success: boolean } }, unknown, boolean]>([
    ["sync: incremental", syncRequestSchema, { mode: "incremental" }, true],
    ["sync: full", syncRequestSchema, { mode: "full" }, true],
    ["sync: mode required", syncRequestSchema, {}, false],
    ["sync: initial is not requested by hand", syncRequestSchema, { mode: "initial" }, false],
    ["tenant: a name", tenantCreateSchema, { name: "株式会社サンプル" }, true],
    ["tenant: blank name", tenantCreateSchema, { name: "  " }, false],
    ["tenant: 101 characters", tenantCreateSchema, { name: "x".repeat(101) }, false],
    ["tenant: 100 characters", tenantCreateSchema, { name: "x".repeat(100) }, true],
    [
      "error: code and message",
      errorEnvelopeSchema,
      { error: { code: "NOT_FOUND", message: "見つかりません。" } },
      true,
    ],
    [
      "error: with details",
      errorEnvelopeSchema,
      { error: { code: "SETTINGS_INVALID", message: "…", details: { checks: [] } } },
      true,
    ],
    ["error: not wrapped", errorEnvelopeSchema, { code: "NOT_FOUND", message: "…" }, false],
  ])("%s", (_rule, schema, value, valid) => {
    expect(schema.safeParse(value).success).toBe(valid);
  });

  test("tenant name is trimmed", () => {
    expect(tenantCreateSchema.parse({ name: " 株式会社サンプル " })).toEqual({ name: "株式会社サンプル" });
  });
});
