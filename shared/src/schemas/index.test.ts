import { describe, expect, test } from "vitest";
import { z } from "zod";
import * as schemas from "./index.ts";

const all = Object.entries(schemas).filter(([, value]) => value instanceof z.ZodType) as [
  string,
  z.ZodType,
][];

// The server publishes /openapi.json from these same schemas: one that z.toJSONSchema cannot represent
// (a bare transform, say) would break that endpoint, not a test of the server.
describe("every schema converts to JSON Schema", () => {
  test.each(all.map(([name, schema]) => [name, schema] as const))(
    "%s, as input and as output",
    (_name, schema) => {
      expect(() => z.toJSONSchema(schema, { io: "input" })).not.toThrow();
      expect(() => z.toJSONSchema(schema, { io: "output" })).not.toThrow();
    },
  );

  test("settings reads well: descriptions, defaults, the token union", () => {
    const json = JSON.stringify(z.toJSONSchema(schemas.settingsSchema, { io: "input" }));
    expect(json).toContain('"default":3000');
    expect(json).toContain("keep the stored one");
    expect(json).toContain("顧客管理");
  });
});
