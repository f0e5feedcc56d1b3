import { describe, expect, test } from "vitest";
import { TEMPLATE_ACTIVITY_FIELDS, TEMPLATE_CUSTOMER_FIELDS } from "../schemas/template-settings.ts";
import { type CheckedSettings, checkSettings } from "./check-settings.ts";
import type { AppFacts, Form, SettingsFacts } from "./facts.ts";
import { renderFinding } from "./finding.ts";

const text = (code: string, extra: object = {}) => ({ type: "SINGLE_LINE_TEXT", code, ...extra });

/** The template apps' forms (顧客管理 / 活動履歴 (Front Agent)), as kintone's fields.json reports them. */
function customerForm(): Form {
  return {
    レコード番号: { type: "RECORD_NUMBER", code: "レコード番号" },
    更新日時: { type: "UPDATED_TIME", code: "更新日時" },
    顧客名: text("顧客名", { unique: true }),
    会社名: text("会社名"),
    部署名: text("部署名"),
    メールアドレス: { type: "LINK", code: "メールアドレス" },
    電話番号: { type: "LINK", code: "電話番号" },
    住所: text("住所"),
  };
}

function activityForm(): Form {
  return {
    顧客レコード番号: {
      type: "NUMBER",
      code: "顧客レコード番号",
      lookup: {
        relatedApp: { app: "1" },
        relatedKeyField: "レコード番号",
        fieldMappings: [
          { field: "顧客名", relatedField: "顧客名" },
          { field: "会社名", relatedField: "会社名" },
        ],
      },
    },
    顧客名: text("顧客名"),
    会社名: text("会社名"),
    担当者: { type: "USER_SELECT", code: "担当者" },
    対応日時: { type: "DATETIME", code: "対応日時" },
    件名: text("件名"),
    議事録: { type: "MULTI_LINE_TEXT", code: "議事録" },
    FrontAgentリンク: { type: "LINK", code: "FrontAgentリンク" },
    FrontAgentイベントID: text("FrontAgentイベントID", { unique: true }),
  };
}

function settings(): CheckedSettings {
  return {
    kintone: { baseUrl: "https://example.cybozu.com" },
    customerApp: { appId: "1", fields: { ...TEMPLATE_CUSTOMER_FIELDS } },
    activityApp: { appId: "2", customerLink: true, fields: { ...TEMPLATE_ACTIVITY_FIELDS } },
    options: { autoRegister: true },
  };
}

function app(form: Form, change: Partial<AppFacts> = {}): AppFacts {
  return {
    reach: "ok",
    permissions: { view: "granted", add: "granted", edit: "granted", manage: "granted" },
    form,
    ...change,
  };
}

function facts(change: (f: SettingsFacts) => void = () => {}): SettingsFacts {
  const f: SettingsFacts = {
    originAllowed: true,
    customerApp: app(customerForm()),
    activityApp: app(activityForm()),
  };
  change(f);
  return f;
}

/** 氏名 from 姓 + 名 (SPEC S4): 氏名 unmapped, two single-line fields in the form. */
function withNameParts(s: CheckedSettings, f: SettingsFacts, extra: object = {}) {
  s.customerApp.fields = { ...s.customerApp.fields, name: null, lastName: "姓", firstName: "名" };
  const form = f.customerApp.form as Form;
  form.姓 = text("姓", extra);
  form.名 = text("名", extra);
}

/** "status id code" per finding: what the plug-in shows, without the wording. */
function summary(s: CheckedSettings, f: SettingsFacts): string[] {
  return checkSettings(s, f).map((x) => `${x.status} ${x.id} ${x.code}`);
}

describe("checkSettings", () => {
  test("the template apps with full tokens pass", () => {
    expect(summary(settings(), facts())).toEqual(["ok customerApp CHECK_OK", "ok activityApp CHECK_OK"]);
  });

  test.each<[string, (s: CheckedSettings, f: SettingsFacts) => void, string[]]>([
    [
      "an origin outside the allowed ones stops everything",
      (_s, f) => {
        f.originAllowed = false;
      },
      ["error kintone.origin CHECK_ORIGIN_NOT_ALLOWED"],
    ],
    [
      "S3: a token kintone refuses",
      (_s, f) => {
        f.customerApp.reach = "token_invalid";
      },
      ["error customerApp.token CHECK_TOKEN_INVALID", "ok activityApp CHECK_OK"],
    ],
    [
      "a stored token {set: true} may not be used here: given again, kintone not asked",
      (_s, f) => {
        f.activityApp.reach = "token_required";
      },
      ["ok customerApp CHECK_OK", "error activityApp.token CHECK_TOKEN_REQUIRED"],
    ],
    [
      "a redirect from kintone's address: one finding about the address, nothing about the app",
      (_s, f) => {
        f.customerApp.reach = "redirected";
        f.activityApp.reach = "redirected";
      },
      ["error kintone.redirect CHECK_KINTONE_REDIRECT"],
    ],
    [
      "a redirect for one app only: the address once, the other app still checked",
      (_s, f) => {
        f.activityApp.reach = "redirected";
      },
      ["error kintone.redirect CHECK_KINTONE_REDIRECT", "ok customerApp CHECK_OK"],
    ],
    [
      "an app that is gone",
      (_s, f) => {
        f.activityApp.reach = "app_not_found";
      },
      ["ok customerApp CHECK_OK", "error activityApp.app CHECK_APP_NOT_FOUND"],
    ],
    [
      "an app in a guest space",
      (_s, f) => {
        f.activityApp.reach = "guest_space";
      },
      ["ok customerApp CHECK_OK", "error activityApp.app CHECK_GUEST_SPACE"],
    ],
    [
      "S3: a token without レコード閲覧",
      (_s, f) => {
        f.customerApp.permissions.view = "missing";
      },
      ["error customerApp.token.view CHECK_TOKEN_PERMISSION_MISSING", "ok activityApp CHECK_OK"],
    ],
    [
      "S3: a token without アプリ管理",
      (_s, f) => {
        f.activityApp.permissions.manage = "missing";
      },
      ["ok customerApp CHECK_OK", "error activityApp.token.manage CHECK_TOKEN_PERMISSION_MISSING"],
    ],
    [
      "S3: a permission kintone's answer to its probe did not tell: a warning, not a guess",
      (_s, f) => {
        f.customerApp.permissions.add = "granted_unverified";
      },
      [
        "warning customerApp.token.add CHECK_TOKEN_PERMISSION_UNVERIFIABLE",
        "ok customerApp CHECK_OK",
        "ok activityApp CHECK_OK",
      ],
    ],
    [
      "S5: 顧客名 without 値の重複を禁止する",
      (_s, f) => {
        (f.customerApp.form as Form).顧客名 = text("顧客名");
      },
      ["error customerApp.fields.name.unique CHECK_NAME_NOT_UNIQUE", "ok activityApp CHECK_OK"],
    ],
    [
      "S5 with 姓 + 名: no unique error for the unmapped 氏名 field, a warning saying how duplicates are avoided",
      (s, f) => {
        withNameParts(s, f);
        (f.customerApp.form as Form).顧客名 = text("顧客名");
      },
      [
        "warning customerApp.fields.name.parts CHECK_NAME_PARTS_NOT_UNIQUE",
        "ok customerApp CHECK_OK",
        "ok activityApp CHECK_OK",
      ],
    ],
    [
      "S5 with 姓 + 名 both unique: still the warning, kintone cannot refuse the pair",
      (s, f) => withNameParts(s, f, { unique: true }),
      [
        "warning customerApp.fields.name.parts CHECK_NAME_PARTS_NOT_UNIQUE",
        "ok customerApp CHECK_OK",
        "ok activityApp CHECK_OK",
      ],
    ],
    [
      "S4: 名 as a multi-line field",
      (s, f) => {
        withNameParts(s, f);
        (f.customerApp.form as Form).名 = { type: "MULTI_LINE_TEXT", code: "名" };
      },
      [
        "error customerApp.fields.firstName CHECK_FIELD_TYPE",
        "warning customerApp.fields.name.parts CHECK_NAME_PARTS_NOT_UNIQUE",
        "ok activityApp CHECK_OK",
      ],
    ],
    [
      "S4: 姓 a number field",
      (s, f) => {
        withNameParts(s, f);
        (f.customerApp.form as Form).姓 = { type: "NUMBER", code: "姓" };
      },
      [
        "error customerApp.fields.lastName CHECK_FIELD_TYPE",
        "warning customerApp.fields.name.parts CHECK_NAME_PARTS_NOT_UNIQUE",
        "ok activityApp CHECK_OK",
      ],
    ],
    [
      "S7 with 姓 + 名 required: auto-registration fills both halves",
      (s, f) => withNameParts(s, f, { required: true }),
      [
        "warning customerApp.fields.name.parts CHECK_NAME_PARTS_NOT_UNIQUE",
        "ok customerApp CHECK_OK",
        "ok activityApp CHECK_OK",
      ],
    ],
    [
      "姓 without 名: no warning (the settings rules ask for 名)",
      (s, f) => {
        withNameParts(s, f);
        s.customerApp.fields.firstName = null;
      },
      ["ok customerApp CHECK_OK", "ok activityApp CHECK_OK"],
    ],
    [
      "氏名 mapped beside 姓 + 名: 氏名 is read first, so its own uniqueness is what is checked",
      (s, f) => {
        withNameParts(s, f);
        s.customerApp.fields.name = "顧客名";
        (f.customerApp.form as Form).顧客名 = text("顧客名");
      },
      ["error customerApp.fields.name.unique CHECK_NAME_NOT_UNIQUE", "ok activityApp CHECK_OK"],
    ],
    [
      "S5: 会社名 as a multi-line field",
      (_s, f) => {
        (f.customerApp.form as Form).会社名 = { type: "MULTI_LINE_TEXT", code: "会社名" };
      },
      ["error customerApp.fields.company CHECK_COMPANY_NOT_SINGLE_LINE", "ok activityApp CHECK_OK"],
    ],
    [
      "a mapped field deleted or renamed",
      (_s, f) => {
        delete (f.customerApp.form as Form).部署名;
      },
      ["error customerApp.fields.department CHECK_FIELD_MISSING", "ok activityApp CHECK_OK"],
    ],
    [
      "a mapped field of the wrong type",
      (_s, f) => {
        (f.activityApp.form as Form).担当者 = text("担当者");
      },
      ["ok customerApp CHECK_OK", "error activityApp.fields.owner CHECK_FIELD_TYPE"],
    ],
    [
      "S6: the lookup points at another app",
      (_s, f) => {
        const l = (f.activityApp.form as Form).顧客レコード番号?.lookup;
        if (l) l.relatedApp.app = "9";
      },
      ["ok customerApp CHECK_OK", "error activityApp.fields.customerLookup.source CHECK_LOOKUP_SOURCE"],
    ],
    [
      "S6: the lookup is keyed on 顧客名, not the record number",
      (_s, f) => {
        const l = (f.activityApp.form as Form).顧客レコード番号?.lookup;
        if (l) l.relatedKeyField = "顧客名";
      },
      ["ok customerApp CHECK_OK", "error activityApp.fields.customerLookup.key CHECK_LOOKUP_KEY"],
    ],
    [
      "S6: the customer link field is not a lookup",
      (_s, f) => {
        (f.activityApp.form as Form).顧客レコード番号 = { type: "NUMBER", code: "顧客レコード番号" };
      },
      ["ok customerApp CHECK_OK", "error activityApp.fields.customerLookup.lookup CHECK_NOT_LOOKUP"],
    ],
    [
      "S7: a required field in the activity app nobody fills",
      (_s, f) => {
        (f.activityApp.form as Form).商談ランク = { type: "DROP_DOWN", code: "商談ランク", required: true };
      },
      ["ok customerApp CHECK_OK", "error activityApp.required.商談ランク CHECK_REQUIRED_UNMAPPED"],
    ],
    [
      "S7: a required customer field matters when auto-register is on",
      (_s, f) => {
        (f.customerApp.form as Form).業種 = text("業種", { required: true });
      },
      ["error customerApp.required.業種 CHECK_REQUIRED_UNMAPPED", "ok activityApp CHECK_OK"],
    ],
    [
      "S7: …and not when auto-register is off",
      (s, f) => {
        s.options.autoRegister = false;
        (f.customerApp.form as Form).業種 = text("業種", { required: true });
      },
      ["ok customerApp CHECK_OK", "ok activityApp CHECK_OK"],
    ],
    [
      "S7: required lookup targets and radio buttons need nothing from us",
      (_s, f) => {
        const a = f.activityApp.form as Form;
        a.顧客名 = text("顧客名", { required: true });
        a.区分 = { type: "RADIO_BUTTON", code: "区分", required: true };
      },
      ["ok customerApp CHECK_OK", "ok activityApp CHECK_OK"],
    ],
    [
      "a non-unique event id field is a warning: the backend dedupes instead",
      (_s, f) => {
        (f.activityApp.form as Form).FrontAgentイベントID = text("FrontAgentイベントID");
      },
      [
        "ok customerApp CHECK_OK",
        "warning activityApp.fields.eventId.unique CHECK_EVENT_ID_NOT_UNIQUE",
        "ok activityApp CHECK_OK",
      ],
    ],
    [
      "lookup off: company and name text fields, no lookup needed",
      (s, f) => {
        s.activityApp.customerLink = false;
        s.activityApp.fields.company = "会社名";
        s.activityApp.fields.name = "顧客名";
        delete (f.activityApp.form as Form).顧客レコード番号;
      },
      ["ok customerApp CHECK_OK", "ok activityApp CHECK_OK"],
    ],
    [
      "no event-id field: a warning that says how double writes are then prevented",
      (s, _f) => {
        s.activityApp.fields.eventId = null;
      },
      [
        "ok customerApp CHECK_OK",
        "warning activityApp.fields.eventId.unmapped CHECK_EVENT_ID_UNMAPPED",
        "ok activityApp CHECK_OK",
      ],
    ],
    [
      "lookup off: company and name mapped to the lookup's copy targets (kintone would ignore the writes)",
      (s, _f) => {
        s.activityApp.customerLink = false;
        s.activityApp.fields.company = "会社名";
        s.activityApp.fields.name = "顧客名";
      },
      [
        "ok customerApp CHECK_OK",
        "error activityApp.fields.company.copyTarget CHECK_LOOKUP_COPY_TARGET",
        "error activityApp.fields.name.copyTarget CHECK_LOOKUP_COPY_TARGET",
      ],
    ],
    [
      "lookup off: a company field that does not exist (the name one, still copied by the lookup, is refused too)",
      (s, _f) => {
        s.activityApp.customerLink = false;
        s.activityApp.fields.company = "取引先";
        s.activityApp.fields.name = "顧客名";
      },
      [
        "ok customerApp CHECK_OK",
        "error activityApp.fields.company CHECK_FIELD_MISSING",
        "error activityApp.fields.name.copyTarget CHECK_LOOKUP_COPY_TARGET",
      ],
    ],
    [
      "I5: e-mail from a table's inner field",
      (s, f) => {
        s.customerApp.fields.email = "メール";
        (f.customerApp.form as Form).連絡先 = {
          type: "SUBTABLE",
          code: "連絡先",
          fields: { メール: text("メール") },
        };
      },
      ["ok customerApp CHECK_OK", "ok activityApp CHECK_OK"],
    ],
    [
      "SPEC I9: a first-import cap above the operator's ceiling",
      (s, f) => {
        s.options.initialMaxRecords = 3001;
        f.maxInitialRecords = 3000;
      },
      [
        "ok customerApp CHECK_OK",
        "ok activityApp CHECK_OK",
        "error options.maxRecords CHECK_INITIAL_MAX_RECORDS_OVER_CEILING",
      ],
    ],
    [
      "a cap at the ceiling, or lowered below it, is always fine",
      (s, f) => {
        s.options.initialMaxRecords = 3000;
        f.maxInitialRecords = 3000;
      },
      ["ok customerApp CHECK_OK", "ok activityApp CHECK_OK"],
    ],
    [
      "no ceiling known (the screen's own checks): the cap is not judged",
      (s) => {
        s.options.initialMaxRecords = 1_000_000;
      },
      ["ok customerApp CHECK_OK", "ok activityApp CHECK_OK"],
    ],
    [
      "the form could not be read: only token findings",
      (_s, f) => {
        f.customerApp.form = null;
        f.customerApp.permissions.view = "missing";
      },
      ["error customerApp.token.view CHECK_TOKEN_PERMISSION_MISSING", "ok activityApp CHECK_OK"],
    ],
  ])("%s", (_name, change, expected) => {
    const s = settings();
    const f = facts();
    change(s, f);
    expect(summary(s, f)).toEqual(expected);
  });
});

describe("renderFinding", () => {
  test("the 姓 + 名 warning names both fields, says what is done instead, and sits under 名", () => {
    const s = settings();
    const f = facts();
    withNameParts(s, f);
    const finding = checkSettings(s, f).find((x) => x.code === "CHECK_NAME_PARTS_NOT_UNIQUE");
    if (!finding) throw new Error("no finding");
    const ja = renderFinding(finding, "ja");
    expect(ja).toMatchObject({ status: "warning", field: "customerApp.fields.firstName" });
    expect(ja.message).toContain("姓「姓」と名「名」");
    expect(ja.message).toContain("要確認");
    expect(ja.fix).toContain("対処は不要です");
    const en = renderFinding(finding, "en");
    expect(en.message).toContain('last name "姓" and first name "名"');
    expect(en.message).toContain("first space");
  });

  test("the ceiling's check says the most allowed and to ask the operator to raise MAX_INITIAL_RECORDS", () => {
    const s = settings();
    s.options.initialMaxRecords = 5000;
    const finding = checkSettings(
      s,
      facts((x) => (x.maxInitialRecords = 3000)),
    ).find((x) => x.id === "options.maxRecords");
    if (!finding) throw new Error("no finding");
    const ja = renderFinding(finding, "ja");
    expect(ja).toMatchObject({ status: "error", field: "options.initialMaxRecords" });
    expect(ja.message).toContain("3,000");
    expect(ja.message).toContain("5,000");
    expect(ja.message).toContain("運用者に MAX_INITIAL_RECORDS を上げる");
    expect(ja.fix).toContain("3,000 件以下");
    const en = renderFinding(finding, "en");
    expect(en.message).toContain("3,000");
    expect(en.message).toContain("ask the backend operator to raise MAX_INITIAL_RECORDS");
  });

  test("a finding reads in Japanese and English, with its fix and the field it concerns", () => {
    const f = facts((x) => {
      x.customerApp.permissions.edit = "missing";
    });
    const finding = checkSettings(settings(), f).find((x) => x.id === "customerApp.token.edit");
    if (!finding) throw new Error("no finding");
    const ja = renderFinding(finding, "ja");
    expect(ja).toMatchObject({
      id: "customerApp.token.edit",
      status: "error",
      field: "customerApp.apiToken",
    });
    expect(ja.message).toContain("レコード編集");
    expect(ja.fix).toContain("アプリを更新");
    const en = renderFinding(finding, "en");
    expect(en.message).toContain("Edit records");
    expect(en.fix).toContain("Update App");
  });
});
