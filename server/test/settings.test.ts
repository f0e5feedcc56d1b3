import { initialWindowStart, updatedSinceCondition } from "@front-agent/shared";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eventually, forEachDatabase, type Harness, startHarness } from "./harness.ts";

let h: Harness;

type Check = { id: string; status: string; message: string; fix?: string; field?: string };
const errorsOf = (checks: Check[]) => checks.filter((c) => c.status === "error");

forEachDatabase((database) => {
  beforeAll(async () => {
    h = await startHarness({ database });
  });
  afterAll(() => h.close());

  describe("POST /v1/kintone/settings/validate", () => {
    // docs/kintone-probes.md: every permission is read from kintone's answer to a probe, so a token with all
    // four is simply fine: no "cannot be confirmed" warning for add and edit any more.
    test("the template apps with full tokens: no errors and no warnings, each app ok", async () => {
      const res = await h.api("POST", "/v1/kintone/settings/validate", { body: h.settings() });
      expect(res.status).toBe(200);
      expect(res.body.checks.filter((c: Check) => c.status !== "ok")).toEqual([]);
      expect(res.body.checks.map((c: Check) => c.id)).toEqual(
        expect.arrayContaining(["customerApp", "activityApp"]),
      );
    });

    test("a token without レコード追加 (and every other permission): that one error, no warning", async () => {
      const all = { view: true, add: true, edit: true, delete: false, manage: true };
      const token = await h.kintone.createToken(h.apps.customer.appId, { ...all, add: false });
      const res = await h.api("POST", "/v1/kintone/settings/validate", {
        body: h.settings((s) => (s.customerApp.apiToken = token)),
      });
      expect(res.status).toBe(200);
      expect(res.body.checks.filter((c: Check) => c.status !== "ok")).toEqual([
        expect.objectContaining({
          id: "customerApp.token.add",
          status: "error",
          field: "customerApp.apiToken",
          message: expect.stringContaining("レコード追加"),
        }),
      ]);
    });

    test("kintone answering the old empty writes, or the probes themselves, with CB_VA01: 200 with checks, never 502", async () => {
      // The empty writes (records: []) the probes used to send: kintone refusing them must not matter.
      for (const method of ["POST", "PUT"])
        await h.kintone.addFault({
          status: 400,
          code: "CB_VA01",
          method,
          path: "/k/v1/records.json",
          times: null,
        });
      try {
        const res = await h.api("POST", "/v1/kintone/settings/validate", { body: h.settings() });
        expect(res.status).toBe(200);
        expect(res.body.checks.filter((c: Check) => c.status !== "ok")).toEqual([]);
        // The probes' own requests refused as a whole: the permissions are then unknown, said as warnings.
        await h.kintone.addFault({
          status: 400,
          code: "CB_VA01",
          path: "/k/v1/bulkRequest.json",
          times: null,
        });
        await h.kintone.addFault({
          status: 400,
          code: "CB_VA01",
          method: "PUT",
          path: "/k/v1/record.json",
          times: null,
        });
        const refused = await h.api("POST", "/v1/kintone/settings/validate", { body: h.settings() });
        expect(refused.status).toBe(200);
        expect(errorsOf(refused.body.checks)).toEqual([]);
        expect(
          refused.body.checks.filter((c: Check) => c.status === "warning").map((c: Check) => c.id),
        ).toEqual([
          "customerApp.token.add",
          "customerApp.token.edit",
          "activityApp.token.add",
          "activityApp.token.edit",
        ]);
      } finally {
        await h.kintone.clearFaults();
      }
    });

    test("a token kintone does not accept → error on customerApp.apiToken with a fix", async () => {
      const res = await h.api("POST", "/v1/kintone/settings/validate", {
        body: h.settings((s) => (s.customerApp.apiToken = "not-a-token")),
      });
      const [error] = errorsOf(res.body.checks);
      expect(error).toMatchObject({ id: "customerApp.token", field: "customerApp.apiToken" });
      expect(error?.fix).toContain("アプリを更新");
    });

    test.each([
      ["view", "レコード閲覧", "View records"],
      ["manage", "アプリ管理", "Manage app"],
      ["add", "レコード追加", "Add records"],
    ] as const)(
      "a token without %s → error naming kintone's checkbox, in ja and en",
      async (missing, ja, en) => {
        const all = { view: true, add: true, edit: true, delete: false, manage: true };
        const token = await h.kintone.createToken(h.apps.activity.appId, { ...all, [missing]: false });
        const body = h.settings((s) => (s.activityApp.apiToken = token));
        const jaRes = await h.api("POST", "/v1/kintone/settings/validate", { body });
        const error = errorsOf(jaRes.body.checks).find((c) => c.id === `activityApp.token.${missing}`);
        expect(error?.message).toContain(ja);
        expect(error?.fix).toContain(ja);
        const enRes = await h.api("POST", "/v1/kintone/settings/validate", { body, language: "en" });
        expect(
          errorsOf(enRes.body.checks).find((c) => c.id === `activityApp.token.${missing}`)?.message,
        ).toContain(en);
      },
    );

    test("S5: a customer app whose 顧客名 is not unique → error with the fix", async () => {
      const app = await h.kintone.createApp({
        name: "顧客（重複可）",
        fields: [
          { type: "SINGLE_LINE_TEXT", code: "顧客名", label: "顧客名" },
          { type: "SINGLE_LINE_TEXT", code: "会社名", label: "会社名" },
        ],
      });
      const res = await h.api("POST", "/v1/kintone/settings/validate", {
        body: h.settings((s) => {
          s.customerApp.appId = app.appId;
          s.customerApp.apiToken = app.tokens[0];
          s.customerApp.fields = {
            ...s.customerApp.fields,
            department: null,
            email: null,
            phone: null,
            address: null,
          };
        }),
      });
      const ids = errorsOf(res.body.checks).map((c) => c.id);
      expect(ids).toContain("customerApp.fields.name.unique");
      // The activity app's lookup now points at another app than the chosen customer app.
      expect(ids).toContain("activityApp.fields.customerLookup.source");
    });

    test("S4/S5: 氏名 from 姓 + 名 → no uniqueness error, a warning under 名 saying how duplicates are avoided", async () => {
      const url = `${h.emulator.url}/k/v1/app/form/fields.json?app=${h.apps.customer.appId}`;
      const form = await fetch(url, { headers: { "X-Cybozu-API-Token": h.apps.customer.token } }).then(
        (r) => r.json() as Promise<{ properties: Record<string, unknown> }>,
      );
      await h.kintone.setForm(h.apps.customer.appId, {
        ...(form.properties as Record<string, never>),
        姓: { type: "SINGLE_LINE_TEXT", code: "姓", label: "姓" },
        名: { type: "SINGLE_LINE_TEXT", code: "名", label: "名" },
      } as never);
      try {
        const res = await h.api("POST", "/v1/kintone/settings/validate", {
          body: h.settings((s) => {
            s.customerApp.fields = { ...s.customerApp.fields, name: null, lastName: "姓", firstName: "名" };
          }),
        });
        expect(res.status).toBe(200);
        expect(errorsOf(res.body.checks)).toEqual([]);
        expect(res.body.checks).toContainEqual(
          expect.objectContaining({
            id: "customerApp.fields.name.parts",
            status: "warning",
            field: "customerApp.fields.firstName",
            message: expect.stringContaining("姓「姓」と名「名」"),
            fix: expect.stringContaining("対処は不要です"),
          }),
        );
      } finally {
        await h.kintone.setForm(h.apps.customer.appId, form.properties as never);
      }
    });

    test("S7: an unrelated required field in the activity app → error naming it", async () => {
      const form = await fetch(`${h.emulator.url}/k/v1/app/form/fields.json?app=${h.apps.activity.appId}`, {
        headers: { "X-Cybozu-API-Token": h.apps.activity.token },
      }).then((r) => r.json() as Promise<{ properties: Record<string, unknown> }>);
      const app = await h.kintone.createApp({
        name: "活動（必須あり）",
        fields: {
          ...(form.properties as Record<string, never>),
          商談フェーズ: {
            type: "DROP_DOWN",
            code: "商談フェーズ",
            label: "商談フェーズ",
            required: true,
            options: { 初回: { label: "初回", index: "0" } },
          },
        },
      });
      const res = await h.api("POST", "/v1/kintone/settings/validate", {
        body: h.settings((s) => {
          s.activityApp.appId = app.appId;
          s.activityApp.apiToken = app.tokens[0];
        }),
      });
      const error = errorsOf(res.body.checks).find((c) => c.id === "activityApp.required.商談フェーズ");
      expect(error?.message).toContain("商談フェーズ");
    });

    test("a kintone URL outside the allowed origins → error, and kintone is not contacted", async () => {
      await h.kintone.resetStats();
      const res = await h.api("POST", "/v1/kintone/settings/validate", {
        body: h.settings((s) => (s.kintone.baseUrl = "https://intranet.example.com")),
      });
      expect(res.status).toBe(200);
      expect(res.body.checks).toEqual([
        expect.objectContaining({ id: "kintone.origin", status: "error", field: "kintone.baseUrl" }),
      ]);
      expect((await h.kintone.stats()).total).toBe(0);
    });
  });

  describe("PUT and GET /v1/kintone/settings", () => {
    test("an error check → 422 SETTINGS_INVALID with the checks, and nothing stored", async () => {
      const res = await h.api("PUT", "/v1/kintone/settings", {
        body: h.settings((s) => (s.activityApp.apiToken = "wrong")),
      });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe("SETTINGS_INVALID");
      expect(res.body.error.details.checks).toContainEqual(
        expect.objectContaining({ id: "activityApp.token", status: "error" }),
      );
      expect((await h.api("GET", "/v1/kintone/settings")).status).toBe(404);
    });

    test("link off with company and name on the lookup's copy targets → 422: kintone would drop those writes", async () => {
      const res = await h.api("PUT", "/v1/kintone/settings", {
        body: h.settings((s) => {
          s.activityApp.customerLink = false;
          s.activityApp.fields.company = "会社名";
          s.activityApp.fields.name = "顧客名";
        }),
      });
      expect(res.status).toBe(422);
      const check = res.body.error.details.checks.find(
        (c: { id: string }) => c.id === "activityApp.fields.name.copyTarget",
      );
      expect(check).toMatchObject({ status: "error", field: "activityApp.fields.name" });
      expect(check.message).toContain("顧客レコード番号");
      expect(check.message).toContain("無視");
      expect((await h.api("GET", "/v1/kintone/settings")).status).toBe(404);
    });

    test("valid settings are stored with tokens masked, start the first import, and {set: true} keeps a token", async () => {
      const put = await h.api("PUT", "/v1/kintone/settings", { body: h.settings() });
      expect(put.status).toBe(200);
      expect(put.body.savedAt).toEqual(expect.any(String));
      const got = await h.api("GET", "/v1/kintone/settings");
      expect(got.body.customerApp.apiToken).toEqual({ set: true });
      expect(got.body.activityApp.apiToken).toEqual({ set: true });
      expect(got.text).not.toContain(h.apps.customer.token);

      const run = await eventually(async () => {
        const status = await h.api("GET", "/v1/kintone/status");
        const first = status.body.runs[0];
        return first?.status === "succeeded" ? first : undefined;
      });
      // SPEC I9: only records updated within the 60-day window (the template spreads 50 over 120 days).
      const condition = updatedSinceCondition("更新日時", initialWindowStart(new Date(run.startedAt), 60), 0);
      const inWindow = await fetch(
        `${h.emulator.url}/k/v1/records.json?app=${h.apps.customer.appId}&totalCount=true&query=${encodeURIComponent(condition)}`,
        {
          headers: { "X-Cybozu-API-Token": h.apps.customer.token },
        },
      ).then((r) => r.json() as Promise<{ totalCount: string }>);
      expect(Number(inWindow.totalCount)).toBeGreaterThan(10);
      expect(Number(inWindow.totalCount)).toBeLessThan(50);
      expect(run).toMatchObject({ kind: "initial", read: Number(inWindow.totalCount) });

      const keep = await h.resave((s) => {
        s.options.syncIntervalHours = 12;
      });
      expect(keep.status).toBe(200);
      expect((await h.api("GET", "/v1/kintone/settings")).body.options.syncIntervalHours).toBe(12);
      // Same customer app and mapping: no new first import.
      const status = await h.api("GET", "/v1/kintone/status");
      expect(status.body.runs).toHaveLength(1);
      expect(status.body.nextSyncAt).toEqual(expect.any(String));
    });
  });
});
