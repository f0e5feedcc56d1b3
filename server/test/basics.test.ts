import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { forEachDatabase, type Harness, startHarness } from "./harness.ts";
import { databaseText } from "./postgres.ts";

// Also on PostgreSQL (issue 14): the same HTTP answers whichever database the backend runs on.
forEachDatabase((database) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ database });
  });
  afterAll(() => h.close());

  describe("health, metrics, OpenAPI", () => {
    test("GET /healthz answers 200 over real HTTP when the SQLite file answers", async () => {
      expect(await h.api("GET", "/healthz", { auth: "none" })).toMatchObject({
        status: 200,
        body: { status: "ok" },
      });
    });

    test("GET /openapi.json describes every path of API.md with schemas from zod", async () => {
      const res = await h.api("GET", "/openapi.json", { auth: "none" });
      expect(res.status).toBe(200);
      expect(Object.keys(res.body.paths)).toEqual(
        expect.arrayContaining([
          "/v1/admin/tenants",
          "/v1/kintone/settings",
          "/v1/kintone/settings/validate",
          "/v1/kintone/status",
          "/v1/kintone/sync",
          "/v1/customers",
          "/v1/customers/{id}",
        ]),
      );
      const put = res.body.paths["/v1/kintone/settings"].put.requestBody.content["application/json"].schema;
      expect(JSON.stringify(put)).toContain("customerApp");
    });

    test("GET /metrics is Prometheus text with the documented counters", async () => {
      const res = await h.api("GET", "/metrics", { auth: "none" });
      expect(res.status).toBe(200);
      for (const name of [
        "fa_import_runs_total",
        "fa_import_records_total",
        "fa_kintone_requests_total",
        "fa_exports_total",
      ]) {
        expect(res.text).toContain(`# TYPE ${name} counter`);
      }
    });
  });

  describe("error envelope", () => {
    test("unknown path → 404 in Japanese by default, English on request", async () => {
      const ja = await h.api("GET", "/nope", { auth: "none" });
      expect(ja.status).toBe(404);
      expect(ja.body.error.code).toBe("NOT_FOUND");
      expect(ja.body.error.message).toMatch(/[ぁ-んァ-ン一-龥]/);
      const en = await h.api("GET", "/nope", { auth: "none", language: "en" });
      expect(en.body.error.message).toMatch(/^[\x20-\x7e]+$/);
    });

    test.each([
      ["no credentials", { auth: "none" }, 401, "UNAUTHORIZED"],
      ["a wrong connection key", { auth: "fa_ck_wrong" }, 401, "UNAUTHORIZED"],
      ["a service token where the connection key is needed", { auth: "service" }, 401, "UNAUTHORIZED"],
    ] as const)("%s → %i %s", async (_name, call, status, code) => {
      const res = await h.api("GET", "/v1/kintone/status", call);
      expect(res.status).toBe(status);
      expect(res.body.error.code).toBe(code);
    });

    test("a body that is not JSON → 415; malformed JSON → 400; over 1 MiB → 413; schema errors → 422 with paths", async () => {
      const notJson = await h.api("POST", "/v1/kintone/settings/validate", {
        raw: { body: "a=b", contentType: "application/x-www-form-urlencoded" },
      });
      expect(notJson).toMatchObject({ status: 415, body: { error: { code: "UNSUPPORTED_MEDIA_TYPE" } } });
      const malformed = await h.api("POST", "/v1/kintone/settings/validate", {
        raw: { body: "{nope", contentType: "application/json" },
      });
      expect(malformed).toMatchObject({ status: 400, body: { error: { code: "INVALID_JSON" } } });
      const huge = await h.api("POST", "/v1/kintone/settings/validate", {
        raw: { body: JSON.stringify({ pad: "x".repeat(1_100_000) }), contentType: "application/json" },
      });
      expect(huge).toMatchObject({ status: 413, body: { error: { code: "PAYLOAD_TOO_LARGE" } } });
      const invalid = await h.api("POST", "/v1/kintone/settings/validate", {
        body: h.settings((s) => (s.customerApp.fields.company = null)),
      });
      expect(invalid.status).toBe(422);
      expect(invalid.body.error.code).toBe("VALIDATION_FAILED");
      expect(invalid.body.error.details.issues).toContainEqual(
        expect.objectContaining({ path: "customerApp.fields.company" }),
      );
    });
  });

  describe("tenants", () => {
    test("the admin API creates a tenant and shows its secrets once; the database keeps none of them in clear", async () => {
      const res = await h.api("POST", "/v1/admin/tenants", { auth: "admin", body: { name: "二社目" } });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        tenantId: expect.any(String),
        connectionKey: expect.stringMatching(/^fa_ck_/),
        serviceToken: expect.stringMatching(/^fa_st_/),
        webhookSecret: expect.stringMatching(/^fa_wh_/),
      });
      const db =
        h.data.databaseUrl === null
          ? readFileSync(join(h.data.dataDir, "front-agent.sqlite")).toString("latin1") +
            readFileSync(join(h.data.dataDir, "front-agent.sqlite-wal")).toString("latin1")
          : await databaseText(h.data.databaseUrl);
      expect(db).toContain(res.body.tenantId);
      for (const secret of [res.body.connectionKey, res.body.serviceToken, res.body.webhookSecret])
        expect(db).not.toContain(secret);
      const status = await h.api("GET", "/v1/kintone/status", { auth: res.body.connectionKey });
      expect(status.status).toBe(200);
    });

    test("a wrong admin token → 401; no name → 422", async () => {
      expect(
        (await h.api("POST", "/v1/admin/tenants", { auth: "wrong-admin-token-xxxx", body: { name: "x" } }))
          .status,
      ).toBe(401);
      expect((await h.api("POST", "/v1/admin/tenants", { auth: "admin", body: {} })).status).toBe(422);
    });
  });
});
