import { cleanup, fireEvent, render, screen, within } from "@testing-library/preact";
import { afterEach, describe, expect, test } from "vitest";
import { fakeKintone } from "../../../test/fake-kintone.ts";
import type { Check } from "../../backend.ts";
import { emptyDraft } from "../draft.ts";
import type { Forms, SectionProps } from "../section-props.ts";
import { ChecksPanel } from "./ChecksPanel.tsx";

afterEach(cleanup);

const READY: Forms = { customer: { status: "ready", form: {} }, activity: { status: "ready", form: {} } };

function panel(checks: Check[], options: { language?: "ja" | "en"; forms?: Forms } = {}) {
  const kintone = fakeKintone({ language: options.language ?? "ja" });
  const props: SectionProps = {
    env: kintone.env,
    language: options.language ?? "ja",
    draft: emptyDraft("14"),
    update: () => {},
    reportInvalid: () => {},
    checks,
    backend: null,
    forms: options.forms ?? READY,
  };
  return render(<ChecksPanel {...props} />);
}

const ok: Check = { id: "customerApp", status: "ok", message: "問題は見つかりませんでした。" };
const warning: Check = {
  id: "activityApp.fields.eventId.unique",
  status: "warning",
  message: "イベントIDのフィールド「ID」で「値の重複を禁止する」がオンになっていません。",
  fix: "「値の重複を禁止する」にチェックを入れてください。",
  field: "activityApp.fields.eventId",
};
const companyError: Check = {
  id: "customerApp.fields.company",
  status: "error",
  message: "会社名のフィールド「会社名」が文字列（1行）ではありません。",
  fix: "文字列（1行）のフィールドを選んでください。",
  field: "customerApp.fields.company",
};
const requiredError: Check = {
  id: "activityApp.required.承認者",
  status: "error",
  message: "必須フィールド「承認者」にはこの連携が値を入れません。",
};

describe("ChecksPanel", () => {
  test("nothing but ok: the empty state, no counts", () => {
    panel([ok]);
    expect(screen.getByRole("heading", { level: 3 }).textContent).toBe("設定の確認");
    expect(screen.getByText("問題は見つかっていません")).toBeTruthy();
    expect(screen.queryByRole("list")).toBeNull();
  });

  test("errors first, then warnings, each with its place and fix; counts in the heading", () => {
    panel([warning, ok, companyError, requiredError]);
    expect(screen.getByRole("heading", { level: 3 }).textContent).toBe("設定の確認 — エラー 2 件・警告 1 件");
    expect(screen.queryByText("問題は見つかっていません")).toBeNull();
    const groups = screen.getAllByRole("list");
    expect(groups).toHaveLength(2);
    const [errors, warnings] = groups.map((g) =>
      within(g)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    );
    expect(errors).toEqual([
      "顧客管理アプリ › 会社名: 会社名のフィールド「会社名」が文字列（1行）ではありません。 文字列（1行）のフィールドを選んでください。",
      "活動履歴アプリ: 必須フィールド「承認者」にはこの連携が値を入れません。",
    ]);
    expect(warnings).toEqual([
      "活動履歴アプリ › イベントID: イベントIDのフィールド「ID」で「値の重複を禁止する」がオンになっていません。 「値の重複を禁止する」にチェックを入れてください。",
    ]);
    expect(screen.getAllByRole("heading", { level: 4 }).map((h) => h.textContent)).toEqual([
      "エラー（直すまで保存できません）",
      "警告",
    ]);
    expect(groups[0]?.querySelectorAll(".fa-check-error")).toHaveLength(2);
    expect(groups[1]?.querySelectorAll(".fa-check-warning")).toHaveLength(1);
  });

  test("a check's place takes the administrator to its control", () => {
    const target = document.createElement("select");
    target.id = "fa-customerApp-company";
    document.body.append(target);
    panel([companyError]);
    fireEvent.click(screen.getByRole("link", { name: "顧客管理アプリ › 会社名" }));
    expect(document.activeElement).toBe(target);
    target.remove();
  });

  test("an option's check (the operator's ceiling on the cap) takes the administrator to the option", () => {
    const target = document.createElement("input");
    target.id = "fa-option-initialMaxRecords";
    document.body.append(target);
    panel([
      {
        id: "options.maxRecords",
        status: "error",
        message: "このバックエンドで取り込める上限は 3,000 件です。",
        field: "options.initialMaxRecords",
      },
    ]);
    fireEvent.click(screen.getByRole("link", { name: "オプション › 最初の取り込みの上限（件）" }));
    expect(document.activeElement).toBe(target);
    target.remove();
  });

  test("while a form is read, it says so instead of claiming there is no problem", () => {
    panel([ok], { forms: { ...READY, activity: { status: "loading", form: null } } });
    expect(screen.getByText("アプリのフォームを確認しています…")).toBeTruthy();
    expect(screen.queryByText("問題は見つかっていません")).toBeNull();
  });

  test("in English", () => {
    panel([companyError, warning], { language: "en" });
    expect(screen.getByRole("heading", { level: 3 }).textContent).toBe(
      "Settings check — 1 error(s), 1 warning(s)",
    );
    expect(screen.getByRole("link", { name: "Activity app › Event ID" })).toBeTruthy();
  });
});
