import { templateSeed } from "@front-agent/kintone-emulator";
import { TEMPLATE_CUSTOMER_FIELDS } from "@front-agent/shared";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { importKeyOf } from "../src/services/import/import-key.ts";
import { type ImportPlan, PLAN_FRESH_MS } from "../src/services/import/plan.ts";
import { startImportRun } from "../src/services/import/start-run.ts";
import { forEachDatabase, type Harness, runEnded, startHarness } from "./harness.ts";

// Issue 16: the first import a settings save starts does not read again what the save's checks read of
// the customer app: the form (update-time field, fields to read). A run takes that plan only for its own
// settings and while it is fresh. No id bounds are read at all: the run opens with a page from each end.

const RECORDS = 1200;

/** The customer app's form reads and any id-bound reads, in the emulator's log order. */
async function formAndBoundReads(h: Harness) {
  const app = h.apps.customer.appId;
  const forms = (await h.kintone.requests("/k/v1/app/form/fields.json")).filter(
    (r) => String(r.params.app) === app,
  );
  const bounds = (await h.kintone.requests("/k/v1/records.json")).filter(
    (r) => String(r.params.app) === app && /^order by \$id (asc|desc) limit 1$/.test(String(r.params.query)),
  );
  return { forms, bounds };
}

forEachDatabase((database) => {
  describe("the first import takes what its save read of the customer app", () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({ database, seed: templateSeed({ customers: RECORDS, spreadDays: 30 }) });
    });
    afterAll(() => h.close());

    test("a first save reads the form once and no id bounds, the run reads only pages, and imports every record", async () => {
      await h.kintone.resetStats();
      expect((await h.api("PUT", "/v1/kintone/settings", { body: h.settings() })).status).toBe(200);
      const run = await runEnded(h, 1);
      expect(run).toMatchObject({ kind: "initial", status: "succeeded", read: RECORDS });
      expect(run.created + run.skipped).toBe(RECORDS);
      const { forms, bounds } = await formAndBoundReads(h);
      expect(forms).toHaveLength(1);
      expect(bounds).toEqual([]);
      expect(Date.parse((forms[0] as { at: string }).at)).toBeLessThanOrEqual(Date.parse(run.startedAt));
      // Before the run: the checks' 8 requests only (10 while the save read the id bounds too).
      const beforeRun = (await h.kintone.requests()).filter(
        (r) => Date.parse(r.at) <= Date.parse(run.startedAt),
      );
      expect(beforeRun).toHaveLength(8);
      // Its own requests: the pages only (ids 1–500 and 701–1200 from the two ends, then 501–700).
      expect(run.kintoneRequests).toBe(Math.ceil(RECORDS / 500));
    });

    test.each([
      ["stale (made longer ago than a run may take it)", -PLAN_FRESH_MS - 1000, true],
      ["made for other settings (another mapping)", 0, false],
    ])("a plan %s is not taken: the run reads the form itself", async (_, ageMs, sameSettings) => {
      await h.kintone.resetStats();
      const now = new Date();
      // A plan that would import no company if it were taken.
      const settings = h.settings();
      const plan: ImportPlan = {
        madeAt: new Date(now.getTime() + ageMs).toISOString(),
        importKey: sameSettings
          ? importKeyOf(settings)
          : importKeyOf({
              ...settings,
              customerApp: {
                ...settings.customerApp,
                fields: { ...TEMPLATE_CUSTOMER_FIELDS, company: null },
              },
            }),
        updatedField: "更新日時",
        fields: ["$id", "$revision", TEMPLATE_CUSTOMER_FIELDS.name],
      };
      const before = (await h.server.storage.runs.list(h.tenant.tenantId, 50)).length;
      await startImportRun(h.server.storage, h.tenant.tenantId, "full", now, plan);
      const run = await runEnded(h, before + 1);
      expect(run).toMatchObject({ kind: "full", status: "succeeded", read: RECORDS });
      const { forms, bounds } = await formAndBoundReads(h);
      expect(forms).toHaveLength(1);
      expect(bounds).toEqual([]);
    });
  });
});
