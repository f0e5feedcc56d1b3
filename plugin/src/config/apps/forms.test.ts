import { describe, expect, test } from "vitest";
import {
  ACTIVITY_APP,
  activityForm,
  CUSTOMER_APP,
  customerForm,
  templateDraft,
} from "../../../test/config/apps.fixture.tsx";
import type { Draft } from "../draft.ts";
import type { FormState, Forms } from "../section-props.ts";
import { kintoneErrorText, localChecks } from "./forms.ts";

const ready = (form = customerForm()): FormState => ({ status: "ready", form });
const forms = (change: Partial<Forms> = {}): Forms => ({
  customer: ready(),
  activity: ready(activityForm()),
  ...change,
});

/** "status id field" per check: what the screen shows where, without the wording. */
const summary = (draft: Draft, f: Forms = forms()) =>
  localChecks(draft, f, "ja").map((c) => `${c.status} ${c.id} ${c.field ?? "-"}`);

describe("localChecks", () => {
  test.each<[string, (d: Draft) => void, Partial<Forms>, string[]]>([
    [
      "the template apps: both ok, no permission finding",
      () => {},
      {},
      ["ok customerApp -", "ok activityApp -"],
    ],
    [
      "a form still loading says nothing for its app",
      () => {},
      { activity: { status: "loading", form: null } },
      ["ok customerApp -"],
    ],
    [
      "a form that failed is an error at the app, never a spinner",
      () => {},
      { customer: { status: "error", form: null, error: "no" } },
      ["error customerApp.form customerApp.appId", "ok activityApp -"],
    ],
    [
      "no activity app picked",
      (d) => {
        d.activityApp.appId = "";
      },
      { activity: { status: "idle", form: null } },
      ["error activityApp.app activityApp.appId", "ok customerApp -"],
    ],
    [
      "the customer app picked as activity app",
      (d) => {
        d.activityApp.appId = CUSTOMER_APP;
      },
      {},
      ["error activityApp.app activityApp.appId", "ok customerApp -", "ok activityApp -"],
    ],
    [
      "a field picked twice: an error on the later item only",
      (d) => {
        d.customerApp.fields.address = "部署名";
      },
      {},
      [
        "error customerApp.fields.address.twice customerApp.fields.address",
        "ok customerApp -",
        "ok activityApp -",
      ],
    ],
    [
      "lookup on: the hidden company and name items are not checked",
      (d) => {
        d.activityApp.fields.company = "件名";
        d.activityApp.fields.name = "削除済み";
      },
      {},
      ["ok customerApp -", "ok activityApp -"],
    ],
    [
      "lookup off: company and name required, the lookup not",
      (d) => {
        d.activityApp.customerLink = false;
        d.activityApp.fields.customerLookup = null;
      },
      {},
      [
        "error activityApp.fields.company.required activityApp.fields.company",
        "error activityApp.fields.name.required activityApp.fields.name",
        "ok customerApp -",
        "ok activityApp -",
      ],
    ],
    [
      "a saved field gone from the form (shared check)",
      (d) => {
        d.activityApp.fields.title = "旧件名";
      },
      {},
      ["ok customerApp -", "error activityApp.fields.title activityApp.fields.title"],
    ],
    [
      "氏名 from 姓 only: 名 is missing",
      (d) => {
        d.customerApp.fields.name = null;
        d.customerApp.fields.lastName = "顧客名";
      },
      {},
      [
        "error customerApp.fields.firstName.required customerApp.fields.firstName",
        "ok customerApp -",
        "ok activityApp -",
      ],
    ],
    [
      "氏名 from 姓 + 名: the shared warning on how duplicates are avoided sits under 名",
      (d) => {
        d.customerApp.fields.name = null;
        d.customerApp.fields.lastName = "姓";
        d.customerApp.fields.firstName = "名";
      },
      {
        customer: ready({
          ...customerForm(),
          姓: { type: "SINGLE_LINE_TEXT", code: "姓" },
          名: { type: "SINGLE_LINE_TEXT", code: "名" },
        }),
      },
      [
        "warning customerApp.fields.name.parts customerApp.fields.firstName",
        "ok customerApp -",
        "ok activityApp -",
      ],
    ],
  ])("%s", (_name, change, formChange, expected) => {
    expect(summary(templateDraft(change), forms(formChange))).toEqual(expected);
  });

  test("a failed form names the app and kintone's message, with a fix", () => {
    const [check] = localChecks(
      templateDraft(),
      forms({ activity: { status: "error", form: null, error: "権限がありません。 (CB_NO02)" } }),
      "ja",
    );
    expect(check).toEqual({
      id: "activityApp.form",
      status: "error",
      message: `アプリ（ID: ${ACTIVITY_APP}）のフォームを読み込めませんでした: 権限がありません。 (CB_NO02)`,
      fix: "アプリが削除されていないこと、このアプリの管理権限があることを確かめて、画面を開き直してください。",
      field: "activityApp.appId",
    });
  });

  test("speaks English too, shared checks included", () => {
    const draft = templateDraft((d) => {
      d.customerApp.fields.company = "備考";
      d.customerApp.fields.address = "部署名";
    });
    const messages = localChecks(draft, forms(), "en").map((c) => c.message);
    expect(messages).toEqual([
      'The field "部署名" is already chosen for the item "Department".',
      'The company field "備考" is not a single-line Text field (Text Area).',
      "No problems found.",
    ]);
  });
});

describe("kintoneErrorText", () => {
  test.each([
    [
      { code: "GAIA_AP01", id: "1", message: "アプリが見つかりません。" },
      "アプリが見つかりません。 (GAIA_AP01)",
    ],
    [new Error("network down"), "network down"],
    ["plain", "plain"],
  ])("%o → %s", (error, text) => {
    expect(kintoneErrorText(error)).toBe(text);
  });
});
