import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import {
  API_DOC,
  END,
  fieldLines,
  generatedApiDoc,
  type JsonSchema,
  START,
  schemeWords,
  typeText,
  withReference,
  wrapItem,
} from "../scripts/api-doc.ts";

// Issue 17 #7: docs/api.md's endpoint reference is generated from the OpenAPI document, so it cannot drift.
describe("docs/api.md", () => {
  test("holds what `pnpm docs:api` writes from /openapi.json (run it after changing a route's schemas)", () => {
    const current = readFileSync(API_DOC, "utf8");
    expect(current === generatedApiDoc(current), "docs/api.md is stale: run `pnpm docs:api`").toBe(true);
  });
});

describe("the endpoint reference's parts", () => {
  test.each<[string, JsonSchema, string]>([
    ["a named shape", { $ref: "#/$defs/Customer" }, "Customer"],
    ["a nullable string", { type: ["string", "null"] }, "string or null"],
    ["an enum", { type: "string", enum: ["ok", "error"] }, '`"ok"` or `"error"`'],
    ["an array of shapes", { type: "array", items: { $ref: "#/$defs/Check" } }, "Check[]"],
    [
      "a range with a default",
      { type: "integer", minimum: 1, maximum: 100, default: 20 },
      "integer (1–100, default `20`)",
    ],
    [
      "zod's safe-integer bounds left out",
      { type: "integer", minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
      "integer (≥ 0)",
    ],
    ["a non-empty string", { type: "string", minLength: 1 }, "string (non-empty)"],
    ["a date-time", { type: "string", format: "date-time" }, "string (date-time)"],
    ["a record", { type: "object", additionalProperties: { type: "integer" } }, "{<key>: integer}"],
    ["a union", { anyOf: [{ $ref: "#/$defs/KintoneLink" }, { type: "null" }] }, "KintoneLink or null"],
  ])("typeText: %s", (_name, schema, text) => {
    expect(typeText(schema)).toBe(text);
  });

  test("fieldLines: nested fields as dotted paths, array items with [], optional ones said, shapes not opened", () => {
    const schema: JsonSchema = {
      type: "object",
      properties: {
        app: {
          type: "object",
          description: "The app.",
          properties: { id: { type: "string" } },
          required: ["id"],
        },
        rows: { type: "array", items: { type: "object", properties: { code: { type: "string" } } } },
        link: { $ref: "#/$defs/KintoneLink" },
      },
      required: ["app", "link"],
    };
    expect(fieldLines(schema)).toEqual([
      "- `app`: object — The app.",
      "- `app.id`: string",
      "- `rows`: object[], optional",
      "- `rows[].code`: string, optional",
      "- `link`: KintoneLink",
    ]);
  });

  test("wrapItem: at 110 characters, continuation indented under the text, never inside a code span", () => {
    const long = `- \`field\`: string — ${"word ".repeat(30)}\`a code span that must stay whole\` end`;
    const lines = wrapItem(long).split("\n");
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(110);
    expect(lines.slice(1).every((line) => line.startsWith("  ") && !line.startsWith("   "))).toBe(true);
    expect(lines.some((line) => line.includes("`a code span that must stay whole`"))).toBe(true);
    expect(wrapItem("  - short")).toBe("  - short");
  });

  test("withReference replaces only what is between the markers; without them it says which lines it needs", () => {
    const doc = `# API\n\nprose\n\n${START}\nold\n${END}\n\nmore prose\n`;
    expect(withReference(doc, "new")).toBe(`# API\n\nprose\n\n${START}\n\nnew\n\n${END}\n\nmore prose\n`);
    expect(() => withReference("# API\n", "new")).toThrow(/api-reference:start/);
  });

  test("schemeWords: the security schemes' names as the credentials are called", () => {
    expect(["adminToken", "connectionKey", "recordKey", "serviceToken"].map(schemeWords)).toEqual([
      "admin token",
      "connection key",
      "record key",
      "service token",
    ]);
  });
});
