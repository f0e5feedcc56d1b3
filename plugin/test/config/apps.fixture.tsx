import type { Form, FormField } from "@front-agent/shared/settings-checks";
import { useMemo, useState } from "preact/hooks";
import type { Check } from "../../src/backend.ts";
import { AppsSection } from "../../src/config/apps/AppsSection.tsx";
import { FORM_PATH, localChecks, useForms } from "../../src/config/apps/forms.ts";
import { ChecksPanel } from "../../src/config/checks/ChecksPanel.tsx";
import { type Draft, emptyDraft } from "../../src/config/draft.ts";
import type { SectionProps } from "../../src/config/section-props.ts";
import type { KintoneEnv } from "../../src/kintone-env.ts";
import { fakeKintone } from "../fake-kintone.ts";

/** Test builders: the template apps' preview forms (顧客管理 14, 活動履歴 15) and a kintone serving them. */
export const CUSTOMER_APP = "14";
export const ACTIVITY_APP = "15";

const field = (type: string, code: string, label: string, extra: Partial<FormField> = {}): FormField => ({
  type,
  code,
  label,
  ...extra,
});

export function customerForm(): Form {
  return {
    レコード番号: field("RECORD_NUMBER", "レコード番号", "レコード番号"),
    更新日時: field("UPDATED_TIME", "更新日時", "更新日時"),
    顧客名: field("SINGLE_LINE_TEXT", "顧客名", "顧客名", { unique: true }),
    会社名: field("SINGLE_LINE_TEXT", "会社名", "会社名"),
    部署名: field("SINGLE_LINE_TEXT", "部署名", "部署名"),
    メールアドレス: field("LINK", "メールアドレス", "メール"),
    電話番号: field("LINK", "電話番号", "電話"),
    住所: field("SINGLE_LINE_TEXT", "住所", "住所"),
    備考: field("MULTI_LINE_TEXT", "備考", "備考"),
    ランク: field("DROP_DOWN", "ランク", "顧客ランク"),
    連絡先: field("SUBTABLE", "連絡先", "連絡先一覧", {
      fields: {
        連絡先メール: field("LINK", "連絡先メール", "メール（表）"),
        種別: field("DROP_DOWN", "種別", "種別"),
      },
    }),
  };
}

export function activityForm(): Form {
  return {
    顧客レコード番号: field("NUMBER", "顧客レコード番号", "顧客レコード番号", {
      lookup: {
        relatedApp: { app: CUSTOMER_APP },
        relatedKeyField: "レコード番号",
        fieldMappings: [
          { field: "顧客名", relatedField: "顧客名" },
          { field: "会社名", relatedField: "会社名" },
        ],
      },
    }),
    案件番号: field("NUMBER", "案件番号", "案件番号", {
      lookup: { relatedApp: { app: "20" }, relatedKeyField: "レコード番号", fieldMappings: [] },
    }),
    顧客名: field("SINGLE_LINE_TEXT", "顧客名", "顧客名"),
    会社名: field("SINGLE_LINE_TEXT", "会社名", "会社名"),
    担当者: field("USER_SELECT", "担当者", "担当者"),
    対応日時: field("DATETIME", "対応日時", "対応日時"),
    件名: field("SINGLE_LINE_TEXT", "件名", "件名"),
    議事録: field("MULTI_LINE_TEXT", "議事録", "議事録"),
    FrontAgentリンク: field("LINK", "FrontAgentリンク", "Front Agentリンク"),
    FrontAgentイベントID: field("SINGLE_LINE_TEXT", "FrontAgentイベントID", "イベントID", { unique: true }),
    メモ: field("MULTI_LINE_TEXT", "メモ", "メモ"),
  };
}

export interface AppsKintoneOptions {
  language?: "ja" | "en";
  /** Forms by app id; an app without one answers kintone's "app not found". */
  forms?: Record<string, Form>;
  /** The domain's apps as apps.json lists them. */
  apps?: Array<{ appId: string; name: string }>;
}

export const templateApps = () => [
  { appId: "3", name: "案件管理" },
  { appId: CUSTOMER_APP, name: "顧客管理(Front Agent)" },
  { appId: ACTIVITY_APP, name: "活動履歴(Front Agent)" },
];

/** A fake kintone whose apps.json pages like kintone's and whose preview forms are the given ones. */
export function appsKintone(options: AppsKintoneOptions = {}) {
  const forms = options.forms ?? { [CUSTOMER_APP]: customerForm(), [ACTIVITY_APP]: activityForm() };
  const apps = options.apps ?? templateApps();
  return fakeKintone({
    appId: CUSTOMER_APP,
    ...(options.language ? { language: options.language } : {}),
    api: ({ path, params }) => {
      if (path === "/k/v1/apps.json") {
        const offset = Number(params.offset ?? 0);
        return { apps: apps.slice(offset, offset + Number(params.limit ?? 100)) };
      }
      if (path === FORM_PATH) {
        const form = forms[String(params.app)];
        if (!form)
          throw {
            code: "GAIA_AP01",
            id: "x",
            message: `指定したアプリ（id: ${String(params.app)}）が見つかりません。削除されている可能性があります。`,
          };
        return { properties: structuredClone(form), revision: "3" };
      }
      throw { code: "FAKE_NO_API", message: `no fake answer for ${path}` };
    },
  });
}

/** The template settings with the activity app picked: what a finished setup looks like. */
export function templateDraft(change: (draft: Draft) => void = () => {}): Draft {
  const draft = emptyDraft(CUSTOMER_APP);
  draft.activityApp.appId = ACTIVITY_APP;
  change(draft);
  return draft;
}

/**
 * The two sections as ConfigScreen wires them (a draft in state, forms, local checks), without the
 * backend; `backendChecks` stand in for what a validate or save answered. `onDraft` sees every draft.
 */
export function Harness(props: {
  env: KintoneEnv;
  draft: Draft;
  backendChecks?: Check[];
  onDraft?: (draft: Draft) => void;
}) {
  const { env } = props;
  const language = env.language();
  const [draft, setDraft] = useState(props.draft);
  const forms = useForms(env, draft);
  const checks = useMemo(
    () => [...(props.backendChecks ?? []), ...localChecks(draft, forms, language)],
    [draft, forms, language, props.backendChecks],
  );
  props.onDraft?.(draft);
  const update = (change: (d: Draft) => void) =>
    setDraft((current) => {
      const next = structuredClone(current);
      change(next);
      return next;
    });
  const section: SectionProps = {
    env,
    language,
    draft,
    update,
    checks,
    backend: null,
    forms,
    reportInvalid: () => {},
  };
  return (
    <>
      <AppsSection {...section} />
      <ChecksPanel {...section} />
    </>
  );
}

interface KintoneUser {
  id: string;
  code: string;
  name: string;
  email: string;
}

/**
 * `kintone.api` for a whole config screen: the domain's apps (the activity app), both apps' preview forms
 * and the kintone users (User API, paged); anything else is an error unless `more` answers it.
 */
export function screenApi(users: KintoneUser[], more: (path: string) => unknown = () => undefined) {
  return ({ path, params }: { path: string; params: Record<string, unknown> }) => {
    if (path === "/k/v1/apps.json")
      return { apps: params.offset === 0 ? [{ appId: ACTIVITY_APP, name: "活動履歴" }] : [] };
    if (path === FORM_PATH)
      return { properties: String(params.app) === CUSTOMER_APP ? customerForm() : activityForm() };
    if (path === "/v1/users.json") return { users: params.offset === 0 ? users : [] };
    const answer = more(path);
    if (answer !== undefined) return answer;
    throw { code: "FAKE_NO_API", message: path };
  };
}
