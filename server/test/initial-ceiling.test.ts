// SPEC I9: the first import reads at most initialMaxRecords, and more than the operator's MAX_INITIAL_RECORDS
// only through the operator: the settings refuse a cap above it, and the preview and the import read to it.
import { templateSeed } from "@front-agent/kintone-emulator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { forEachDatabase, type Harness, runEnded, startHarness } from "./harness.ts";

let h: Harness;

type Check = { id: string; status: string; message: string; fix?: string; field?: string };

forEachDatabase((database) => {
  beforeAll(async () => {
    h = await startHarness({
      database,
      seed: templateSeed({ customers: 150, spreadDays: 10 }),
      env: { MAX_INITIAL_RECORDS: "100" },
    });
  });
  afterAll(() => h.close());

  describe("the operator's ceiling on the first import (MAX_INITIAL_RECORDS)", () => {
    test("the status says it, so the screen can tell the administrator before a save is refused", async () => {
      const status = await h.api("GET", "/v1/kintone/status");
      expect(status.body.limits).toEqual({ maxInitialRecords: 100 });
    });

    test("a cap above it: validate gives the check, in Japanese first and in English", async () => {
      const body = h.settings((s) => (s.options.initialMaxRecords = 101));
      const ja: Check[] = (await h.api("POST", "/v1/kintone/settings/validate", { body })).body.checks;
      const check = ja.find((c) => c.id === "options.maxRecords");
      expect(check).toMatchObject({ status: "error", field: "options.initialMaxRecords" });
      expect(check?.message).toContain("100 件");
      expect(check?.message).toContain("運用者に MAX_INITIAL_RECORDS を上げるよう依頼");
      const en: Check[] = (await h.api("POST", "/v1/kintone/settings/validate", { body, language: "en" }))
        .body.checks;
      expect(en.find((c) => c.id === "options.maxRecords")?.message).toContain(
        "the most this backend allows (100). To import more, ask the backend operator to raise MAX_INITIAL_RECORDS",
      );
    });

    test("the preview reads no more than the ceiling, whatever cap it is given", async () => {
      const body = h.settings((s) => (s.options.initialMaxRecords = 3000));
      const preview = await h.api("POST", "/v1/kintone/import-preview", { body });
      expect(preview.status).toBe(200);
      expect(preview.body).toMatchObject({ inScope: 150, read: 100 });
    });

    test("saving above it is refused, nothing stored; at it (or lower) it saves and the first import reads that many", async () => {
      const over = await h.api("PUT", "/v1/kintone/settings", {
        body: h.settings((s) => (s.options.initialMaxRecords = 3000)),
      });
      expect(over.status).toBe(422);
      expect(over.body.error.code).toBe("SETTINGS_INVALID");
      expect(over.body.error.details.checks).toContainEqual(
        expect.objectContaining({ id: "options.maxRecords", status: "error" }),
      );
      expect((await h.api("GET", "/v1/kintone/settings")).status).toBe(404);

      const atCeiling = await h.api("PUT", "/v1/kintone/settings", {
        body: h.settings((s) => (s.options.initialMaxRecords = 100)),
      });
      expect(atCeiling.status).toBe(200);
      expect(atCeiling.body.checks.map((c: Check) => c.id)).not.toContain("options.maxRecords");
      const run = await runEnded(h, 1);
      expect(run).toMatchObject({ kind: "initial", status: "succeeded", read: 100 });
      // Lowering is always allowed.
      expect((await h.resave((s) => (s.options.initialMaxRecords = 10))).status).toBe(200);
    });
  });
});
