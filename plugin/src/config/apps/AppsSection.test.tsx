import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { afterEach, describe, expect, test } from "vitest";
import {
  ACTIVITY_APP,
  activityForm,
  appsKintone,
  CUSTOMER_APP,
  customerForm,
  Harness,
  templateDraft,
} from "../../../test/config/apps.fixture.tsx";
import type { Draft } from "../draft.ts";
import { FORM_PATH } from "./forms.ts";

afterEach(cleanup);

const customerApp = () => screen.getByRole("group", { name: "顧客管理アプリ" });
const activityApp = () => screen.getByRole("group", { name: "活動履歴アプリ" });
const control = (group: HTMLElement, label: string) =>
  within(group).getByLabelText(label) as HTMLSelectElement;
const optionTexts = (select: HTMLSelectElement) => [...select.options].map((o) => o.textContent);
/** The check rows shown right under a control. */
const rowsUnder = (element: HTMLElement) =>
  [...(element.closest(".kintoneplugin-row")?.querySelectorAll(".fa-check") ?? [])].map((row) => ({
    status: row.classList.contains("fa-check-error")
      ? "error"
      : row.classList.contains("fa-check-warning")
        ? "warning"
        : "other",
    text: row.textContent ?? "",
  }));

/** Renders the sections and waits until both forms are read. */
async function open(kintone = appsKintone(), draft: Draft = templateDraft()) {
  let latest = draft;
  render(
    <Harness
      env={kintone.env}
      draft={draft}
      onDraft={(d) => {
        latest = d;
      }}
    />,
  );
  await waitFor(() => expect(control(customerApp(), "会社名").disabled).toBe(false));
  if (draft.activityApp.appId === ACTIVITY_APP)
    await waitFor(() => expect(control(activityApp(), "件名").disabled).toBe(false));
  return { kintone, draft: () => latest };
}

describe("field pickers (SPEC S4, S6)", () => {
  test("offer only the fields of a compatible type, as 「label (code)」", async () => {
    await open();
    expect(optionTexts(control(customerApp(), "会社名"))).toEqual([
      "顧客名 (顧客名)",
      "会社名 (会社名)",
      "部署名 (部署名)",
      "住所 (住所)",
    ]);
    expect(optionTexts(control(customerApp(), "部署名"))).toEqual([
      "— 未設定 —",
      "顧客名 (顧客名)",
      "会社名 (会社名)",
      "部署名 (部署名)",
      "住所 (住所)",
      "備考 (備考)",
      "顧客ランク (ランク)",
    ]);
    expect(optionTexts(control(customerApp(), "レコード番号"))).toEqual(["レコード番号 (レコード番号)"]);
    expect(optionTexts(control(activityApp(), "担当者"))).toEqual(["— 未設定 —", "担当者 (担当者)"]);
    expect(optionTexts(control(activityApp(), "議事録"))).toEqual([
      "— 未設定 —",
      "議事録 (議事録)",
      "メモ (メモ)",
    ]);
  });

  test("table-capable items also offer the fields inside a table, grouped under it", async () => {
    await open();
    const email = control(customerApp(), "メール");
    expect(optionTexts(email)).toEqual([
      "— 未設定 —",
      "顧客名 (顧客名)",
      "会社名 (会社名)",
      "部署名 (部署名)",
      "メール (メールアドレス)",
      "電話 (電話番号)",
      "住所 (住所)",
      "連絡先一覧 (連絡先)",
      "メール（表） (連絡先メール)",
    ]);
    expect(email.querySelector("optgroup")?.label).toBe("テーブル「連絡先一覧 (連絡先)」");
    // Not for an item that must be a top-level field.
    expect(optionTexts(control(customerApp(), "会社名"))).not.toContain("メール（表） (連絡先メール)");
  });

  test("the lookup item offers lookup fields only", async () => {
    await open();
    expect(optionTexts(control(activityApp(), "顧客レコード番号（ルックアップ）"))).toEqual([
      "顧客レコード番号 (顧客レコード番号)",
      "案件番号 (案件番号)",
    ]);
  });

  test("the saved choice is pre-selected; optional items can be unset, required ones cannot", async () => {
    const { draft } = await open(
      appsKintone(),
      templateDraft((d) => {
        d.customerApp.fields.address = "備考";
      }),
    );
    expect(control(customerApp(), "会社名").value).toBe("会社名");
    expect(control(customerApp(), "住所").value).toBe("備考");
    expect(control(customerApp(), "姓").value).toBe("");
    expect(control(activityApp(), "イベントID").value).toBe("FrontAgentイベントID");
    fireEvent.change(control(customerApp(), "部署名"), { target: { value: "" } });
    expect(draft().customerApp.fields.department).toBeNull();
    fireEvent.change(control(customerApp(), "部署名"), { target: { value: "ランク" } });
    expect(draft().customerApp.fields.department).toBe("ランク");
    expect(control(customerApp(), "会社名").getAttribute("aria-required")).toBe("true");
  });

  test("a required item left empty is an error under it", async () => {
    await open(
      appsKintone(),
      templateDraft((d) => {
        d.customerApp.fields.company = null;
      }),
    );
    const company = control(customerApp(), "会社名");
    expect(company.value).toBe("");
    expect(optionTexts(company)[0]).toBe("— フィールドを選択 —");
    expect(rowsUnder(company)).toEqual([
      { status: "error", text: "「会社名」は必須です。フィールドを選んでください。" },
    ]);
  });

  test("氏名 may be left unset when 姓 and 名 are both picked", async () => {
    await open(
      appsKintone(),
      templateDraft((d) => {
        d.customerApp.fields.name = null;
      }),
    );
    expect(rowsUnder(control(customerApp(), "氏名"))[0]?.text).toContain(
      "姓と名のフィールドを両方選んでください",
    );
    fireEvent.change(control(customerApp(), "姓"), { target: { value: "顧客名" } });
    expect(rowsUnder(control(customerApp(), "氏名"))).toEqual([]);
    expect(rowsUnder(control(customerApp(), "名"))[0]?.text).toContain("姓と名");
  });

  test("姓 and 名 picked: no uniqueness error for 氏名, a warning under 名 that says how duplicates are avoided", async () => {
    const form = {
      ...customerForm(),
      姓: { type: "SINGLE_LINE_TEXT", code: "姓", label: "姓" },
      名: { type: "SINGLE_LINE_TEXT", code: "名", label: "名" },
    };
    await open(
      appsKintone({ forms: { [CUSTOMER_APP]: form, [ACTIVITY_APP]: activityForm() } }),
      templateDraft((d) => {
        d.customerApp.fields.name = null;
        d.customerApp.fields.lastName = "姓";
        d.customerApp.fields.firstName = "名";
      }),
    );
    expect(rowsUnder(control(customerApp(), "氏名"))).toEqual([]);
    expect(rowsUnder(control(customerApp(), "姓"))).toEqual([]);
    const [warning] = rowsUnder(control(customerApp(), "名"));
    expect(warning?.status).toBe("warning");
    expect(warning?.text).toContain("姓「姓」と名「名」");
  });

  test("the same field picked for two items is refused on the second", async () => {
    const { draft } = await open();
    fireEvent.change(control(customerApp(), "住所"), { target: { value: "部署名" } });
    expect(draft().customerApp.fields.address).toBe("部署名");
    expect(rowsUnder(control(customerApp(), "部署名"))).toEqual([]);
    expect(rowsUnder(control(customerApp(), "住所"))).toEqual([
      {
        status: "error",
        text: "フィールド「部署名」は項目「部署名」にも選ばれています。 この項目には別のフィールドを選んでください。",
      },
    ]);
  });

  test("a saved field deleted from the form stays visible, marked, with a red row", async () => {
    const form = customerForm();
    delete form.住所;
    await open(appsKintone({ forms: { [CUSTOMER_APP]: form, [ACTIVITY_APP]: activityForm() } }));
    const address = control(customerApp(), "住所");
    expect(address.value).toBe("住所");
    expect(address.selectedOptions[0]?.textContent).toBe("住所（削除/変更されたフィールド）");
    expect(address.getAttribute("aria-invalid")).toBe("true");
    expect(rowsUnder(address)).toEqual([
      {
        status: "error",
        text: expect.stringContaining("フィールドコード「住所」のフィールドがありません"),
      },
    ]);
  });

  test("a field whose code was changed in kintone is offered in its place, found by the label it had", async () => {
    const form = customerForm();
    // The administrator renamed 会社名's code to company_name (the label stays), and 部署名's too.
    delete form.会社名;
    form.company_name = { type: "SINGLE_LINE_TEXT", code: "company_name", label: "会社名" };
    delete form.部署名;
    form.dept = { type: "SINGLE_LINE_TEXT", code: "dept", label: "所属部署" };
    const saved = templateDraft((d) => {
      d.fieldLabels = { "customerApp.fields.department": "所属部署" };
    });
    const opened = await open(
      appsKintone({ forms: { [CUSTOMER_APP]: form, [ACTIVITY_APP]: activityForm() } }),
      saved,
    );
    const company = control(customerApp(), "会社名");
    expect(rowsUnder(company)[0]?.status).toBe("error");
    // No label was saved for 会社名: the template's code is its label, so that is looked for.
    fireEvent.click(
      screen.getByRole("button", { name: "同じ名前のフィールド「会社名 (company_name)」に置き換える" }),
    );
    await waitFor(() => expect(company.value).toBe("company_name"));
    expect(rowsUnder(company)).toEqual([]);
    // The label saved with the settings finds a field whose label is not its old code.
    fireEvent.click(
      screen.getByRole("button", { name: "同じ名前のフィールド「所属部署 (dept)」に置き換える" }),
    );
    await waitFor(() => expect(opened.draft().customerApp.fields.department).toBe("dept"));
    expect(screen.queryByRole("button", { name: /に置き換える/ })).toBeNull();
  });

  test("顧客名 without 値の重複を禁止する is an error, with the fix", async () => {
    const form = customerForm();
    form.顧客名 = { type: "SINGLE_LINE_TEXT", code: "顧客名", label: "顧客名" };
    await open(appsKintone({ forms: { [CUSTOMER_APP]: form, [ACTIVITY_APP]: activityForm() } }));
    const [row] = rowsUnder(control(customerApp(), "氏名"));
    expect(row?.status).toBe("error");
    expect(row?.text).toContain("「値の重複を禁止する」がオンになっていません");
    expect(row?.text).toContain(
      "「値の重複を禁止する」にチェックを入れて保存し、「アプリを更新」を押してください",
    );
  });

  test("会社名 that is not single-line text is an error, and kept visible as changed", async () => {
    const form = customerForm();
    form.会社名 = { type: "MULTI_LINE_TEXT", code: "会社名", label: "会社名" };
    await open(appsKintone({ forms: { [CUSTOMER_APP]: form, [ACTIVITY_APP]: activityForm() } }));
    const company = control(customerApp(), "会社名");
    expect(company.selectedOptions[0]?.textContent).toBe("会社名 (会社名)（削除/変更されたフィールド）");
    expect(rowsUnder(company)).toEqual([
      { status: "error", text: expect.stringContaining("文字列（1行）ではありません（文字列（複数行））") },
    ]);
  });

  test.each([
    [
      "a lookup on another app",
      { relatedApp: { app: "20" }, relatedKeyField: "レコード番号", fieldMappings: [] },
      "アプリ（ID: 20）になっています",
    ],
    [
      "a lookup keyed on 顧客名",
      { relatedApp: { app: CUSTOMER_APP }, relatedKeyField: "顧客名", fieldMappings: [] },
      "コピー元のフィールドが「顧客名」です",
    ],
    ["a field that is no lookup", undefined, "ルックアップではありません"],
  ])("the lookup item: %s is an error", async (_name, lookup, text) => {
    const form = activityForm();
    form.顧客レコード番号 = {
      type: "NUMBER",
      code: "顧客レコード番号",
      label: "顧客レコード番号",
      ...(lookup ? { lookup } : {}),
    };
    await open(appsKintone({ forms: { [CUSTOMER_APP]: customerForm(), [ACTIVITY_APP]: form } }));
    const rows = rowsUnder(control(activityApp(), "顧客レコード番号（ルックアップ）"));
    expect(rows).toEqual([{ status: "error", text: expect.stringContaining(text) }]);
  });

  test("a required field the integration does not fill is an error in the app's block", async () => {
    const form = activityForm();
    form.承認者 = { type: "SINGLE_LINE_TEXT", code: "承認者", label: "承認者", required: true };
    await open(appsKintone({ forms: { [CUSTOMER_APP]: customerForm(), [ACTIVITY_APP]: form } }));
    const row = within(activityApp()).getByText(/必須フィールド「承認者」/);
    expect(row.classList.contains("fa-check-error")).toBe(true);
    expect(row.textContent).toContain("「必須項目にする」のチェックを外して");
    // Mapping it somewhere clears the error.
    fireEvent.change(control(activityApp(), "件名"), { target: { value: "承認者" } });
    expect(within(activityApp()).queryByText(/必須フィールド「承認者」/)).toBeNull();
  });

  test("a form that fails to load is an error row, not an endless 読み込み中", async () => {
    const kintone = appsKintone({ forms: { [CUSTOMER_APP]: customerForm() } });
    render(<Harness env={kintone.env} draft={templateDraft()} />);
    const app = await within(activityApp()).findByText(/のフォームを読み込めませんでした/);
    expect(app.textContent).toContain(
      "アプリ（ID: 15）のフォームを読み込めませんでした: 指定したアプリ（id: 15）が見つかりません",
    );
    expect(app.classList.contains("fa-check-error")).toBe(true);
    expect(screen.queryByText("フォームを読み込み中…")).toBeNull();
    expect(control(activityApp(), "件名").disabled).toBe(true);
    expect(control(activityApp(), "件名").value).toBe("件名");
  });

  test("lookup off shows the company and name pickers and hides the lookup; lookup on brings it back", async () => {
    const { draft } = await open();
    const link = within(activityApp()).getByRole("group", { name: "商談内容の顧客連携" });
    expect(within(link).getByLabelText<HTMLInputElement>("あり").checked).toBe(true);
    expect(within(activityApp()).queryByLabelText("会社名")).toBeNull();
    fireEvent.click(within(link).getByLabelText("なし"));
    expect(draft().activityApp.customerLink).toBe(false);
    expect(within(activityApp()).queryByLabelText("顧客レコード番号（ルックアップ）")).toBeNull();
    expect(draft().activityApp.fields.customerLookup).toBeNull();
    // Both are required now, and a lookup's copy target would lose what is written to it.
    expect(rowsUnder(control(activityApp(), "会社名"))[0]?.text).toContain("必須です");
    fireEvent.change(control(activityApp(), "会社名"), { target: { value: "会社名" } });
    expect(rowsUnder(control(activityApp(), "会社名"))[0]?.text).toContain(
      "ルックアップ「顧客レコード番号」のコピー先です",
    );
    fireEvent.click(within(link).getByLabelText("あり"));
    expect(draft().activityApp.fields).toMatchObject({
      customerLookup: "顧客レコード番号",
      company: null,
      name: null,
    });
    expect(control(activityApp(), "顧客レコード番号（ルックアップ）").value).toBe("顧客レコード番号");
  });
});

describe("apps and tokens (SPEC S1, S3)", () => {
  test("the activity app is picked from every page of apps.json, without this app", async () => {
    const apps = Array.from({ length: 230 }, (_, i) => ({ appId: String(i + 1), name: `アプリ${i + 1}` }));
    const { kintone, draft } = await open(
      appsKintone({ apps }),
      templateDraft((d) => {
        d.activityApp.appId = "";
      }),
    );
    const picker = control(activityApp(), "アプリ");
    await waitFor(() => expect(picker.options).toHaveLength(230));
    expect(optionTexts(picker).slice(0, 3)).toEqual(["— アプリを選択 —", "アプリ1 (1)", "アプリ2 (2)"]);
    expect(optionTexts(picker)).not.toContain("アプリ14 (14)");
    expect(optionTexts(picker).at(-1)).toBe("アプリ230 (230)");
    expect(kintone.apiCalls.filter((c) => c.path === "/k/v1/apps.json").map((c) => c.params)).toEqual([
      { limit: 100, offset: 0 },
      { limit: 100, offset: 100 },
      { limit: 100, offset: 200 },
    ]);
    expect(within(customerApp()).getByText("このアプリ: アプリ14（ID: 14）")).toBeTruthy();
    expect(rowsUnder(picker)[0]?.text).toContain("活動履歴アプリを選んでください。");
    // Picking an app reads its form.
    fireEvent.change(picker, { target: { value: "15" } });
    expect(draft().activityApp.appId).toBe("15");
    expect(rowsUnder(picker)).toEqual([]);
    expect(kintone.apiCalls.filter((c) => c.path === FORM_PATH).map((c) => c.params)).toEqual([
      { app: CUSTOMER_APP },
      { app: "15" },
    ]);
  });

  test("a saved activity app the list lacks stays selected, marked", async () => {
    await open(
      appsKintone(),
      templateDraft((d) => {
        d.activityApp.appId = "77";
      }),
    );
    const picker = control(activityApp(), "アプリ");
    await waitFor(() => expect(picker.value).toBe("77"));
    expect(picker.selectedOptions[0]?.textContent).toBe("ID: 77（一覧にないアプリ）");
  });

  test("tokens are password inputs; a stored one shows as 設定済み and an empty input keeps it", async () => {
    const { draft } = await open(
      appsKintone(),
      templateDraft((d) => {
        d.customerApp.tokenSet = true;
      }),
    );
    const customerToken = within(customerApp()).getByLabelText<HTMLInputElement>("APIトークン");
    const activityToken = within(activityApp()).getByLabelText<HTMLInputElement>("APIトークン");
    expect(customerToken.type).toBe("password");
    expect(customerToken.placeholder).toBe("設定済み（変更するときだけ入力）");
    expect(customerToken.value).toBe("");
    expect(activityToken.placeholder).toBe("");
    fireEvent.input(activityToken, { target: { value: "activity-token" } });
    expect(draft().activityApp.apiToken).toBe("activity-token");
    expect(draft().customerApp).toMatchObject({ apiToken: "", tokenSet: true });
  });

  test("a backend check on a token is shown under that token", async () => {
    const kintone = appsKintone();
    render(
      <Harness
        env={kintone.env}
        draft={templateDraft()}
        backendChecks={[
          {
            id: "activityApp.token.manage",
            status: "error",
            message: "アプリ（ID: 15）の API トークンに「アプリ管理」の権限がありません。",
            fix: "アプリの設定 > APIトークン で…",
            field: "activityApp.apiToken",
          },
        ]}
      />,
    );
    const token = within(activityApp()).getByLabelText("APIトークン");
    expect(rowsUnder(token)).toEqual([
      { status: "error", text: expect.stringContaining("「アプリ管理」の権限がありません") },
    ]);
    expect(token.getAttribute("aria-describedby")).toContain("fa-activityApp-token-checks");
  });

  test("in English", async () => {
    const kintone = appsKintone({ language: "en" });
    render(
      <Harness
        env={kintone.env}
        draft={templateDraft((d) => {
          d.customerApp.fields.company = "備考";
        })}
      />,
    );
    const customer = screen.getByRole("group", { name: "Customer app" });
    const company = within(customer).getByLabelText<HTMLSelectElement>("Company");
    await waitFor(() => expect(company.disabled).toBe(false));
    expect(company.selectedOptions[0]?.textContent).toBe("備考 (備考) (deleted or changed field)");
    expect(rowsUnder(company)[0]?.text).toContain("is not a single-line Text field");
    expect(optionTexts(within(customer).getByLabelText("Department"))[0]).toBe("— Not set —");
    const activity = screen.getByRole("group", { name: "Activity app" });
    expect(within(activity).getByRole("group", { name: "Link minutes to customers" })).toBeTruthy();
    expect(within(activity).getByLabelText("Customer record number (lookup)")).toBeTruthy();
    expect(screen.getByRole("heading", { name: /Settings check/ }).textContent).toContain(
      "1 error(s), 0 warning(s)",
    );
  });
});
