/**
 * Issue 12 #6: PUT /v1/users/{id} validated with a schema of its own (an e-mail "yamada", a 5,000-character
 * or NUL id were stored) while /openapi.json published the shared one. Every route validates with the
 * shared schema OpenAPI publishes, with the limits of the assist event (ids, e-mail).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { forEachDatabase, type Harness, startHarness } from "./harness.ts";

let h: Harness;

const good = { name: "山田 太郎", email: "yamada@example.co.jp" };

forEachDatabase((database) => {
  beforeAll(async () => {
    h = await startHarness({ database });
    const saved = await h.api("PUT", "/v1/kintone/settings", { body: h.settings() });
    if (saved.status !== 200) throw new Error(`settings not saved: ${saved.text}`);
  });
  afterAll(() => h.close());

  describe("PUT /v1/users/{id}: the shared userUpsertSchema and the event's user id", () => {
    test.each([
      ["an e-mail that is no address", "email", "u-1", { ...good, email: "yamada" }],
      [
        "an e-mail over 254 characters",
        "email",
        "u-1",
        { ...good, email: `${"a".repeat(250)}@example.co.jp` },
      ],
      ["no e-mail", "email", "u-1", { name: good.name }],
      ["an empty name", "name", "u-1", { ...good, name: "  " }],
      ["a name over 200 characters", "name", "u-1", { ...good, name: "山".repeat(201) }],
      ["an id of 5,000 characters", "id", "u".repeat(5000), good],
      ["an id of 201 characters", "id", "u".repeat(201), good],
      ["an id with NUL", "id", "u-1\u0000x", good],
      ["an id with a line break", "id", "u-1\nx", good],
      ["an id of spaces only", "id", "   ", good],
    ])("%s → 422 VALIDATION_FAILED naming %s", async (_name, field, id, body) => {
      const res = await h.api("PUT", `/v1/users/${encodeURIComponent(id)}`, { auth: "service", body });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
      expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toContain(field);
      const listed = await h.api("GET", "/v1/users");
      expect(listed.body.users.map((u: { id: string }) => u.id)).not.toContain(id);
    });

    test("a good one → 200, trimmed like an event's user; an id of 200 characters and an empty e-mail are fine", async () => {
      const res = await h.api("PUT", "/v1/users/u-9", {
        auth: "service",
        body: { name: " 山田 太郎 ", email: " yamada@example.co.jp " },
      });
      expect(res).toMatchObject({
        status: 200,
        body: { id: "u-9", name: "山田 太郎", email: "yamada@example.co.jp", kintoneUserCode: null },
      });
      const long = "u".repeat(200);
      expect(
        await h.api("PUT", `/v1/users/${long}`, { auth: "service", body: { name: "佐藤", email: "" } }),
      ).toMatchObject({ status: 200, body: { id: long, email: "" } });
    });

    test("OpenAPI publishes the same limits: the body schema and the path id", async () => {
      const doc = (await h.api("GET", "/openapi.json", { auth: "none" })).body;
      const put = doc.paths["/v1/users/{id}"].put;
      const body = put.requestBody.content["application/json"].schema.$defs.UserUpsert;
      expect(body.properties.email.maxLength).toBe(254);
      expect(body.properties.name.maxLength).toBe(200);
      const id = put.parameters.find((p: { name: string }) => p.name === "id");
      expect(id).toMatchObject({ in: "path", required: true, schema: { minLength: 1, maxLength: 200 } });
    });
  });

  describe("GET /v1/crm-candidates: the shared crmCandidatesQuerySchema", () => {
    test.each([
      ["neither name nor company", "name", ""],
      ["a name over 200 characters", "name", `name=${"佐".repeat(201)}`],
      ["a company over 200 characters", "company", `name=x&company=${"社".repeat(201)}`],
    ])("%s → 400 VALIDATION_FAILED naming %s", async (_name, field, query) => {
      const res = await h.api("GET", `/v1/crm-candidates?${encodeURI(query)}`, { auth: "service" });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
      expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toContain(field);
    });

    test("OpenAPI publishes the query parameters", async () => {
      const doc = (await h.api("GET", "/openapi.json", { auth: "none" })).body;
      const names = doc.paths["/v1/crm-candidates"].get.parameters.map((p: { name: string }) => p.name);
      expect(names).toEqual(["name", "company"]);
      const customers = doc.paths["/v1/customers"].get.parameters.map((p: { name: string }) => p.name);
      expect(customers).toEqual(["q", "limit", "cursor"]);
    });
  });

  describe("GET /v1/customers: the shared query schema", () => {
    test.each([
      ["limit 0", "limit", "limit=0"],
      ["limit 501", "limit", "limit=501"],
      ["limit not a number", "limit", "limit=abc"],
      ["a search over 200 characters", "q", `q=${"あ".repeat(201)}`],
      ["a cursor this API did not hand out", "cursor", "cursor=garbage"],
    ])("%s → 400 VALIDATION_FAILED naming %s", async (_name, field, query) => {
      const res = await h.api("GET", `/v1/customers?${encodeURI(query)}`, { auth: "service" });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
      expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toContain(field);
    });
  });
});
