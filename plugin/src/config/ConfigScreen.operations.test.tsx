import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, test } from "vitest";
import { ACTIVITY_APP, CUSTOMER_APP, screenApi } from "../../test/config/apps.fixture.tsx";
import { backendRoutes } from "../../test/config/section-harness.tsx";
import { fakeKintone, json } from "../../test/fake-kintone.ts";
import { ConfigScreen } from "./ConfigScreen.tsx";

afterEach(cleanup);

/** The whole screen: the template apps in kintone, two kintone users, a backend that stored nothing yet. */
function wholeScreen(backend: Record<string, Parameters<typeof backendRoutes>[0][string]> = {}) {
  const kintone = fakeKintone({
    appId: CUSTOMER_APP,
    config: {
      backendUrl: "https://fa.example.com",
      settings: JSON.stringify({ activityApp: { appId: ACTIVITY_APP, customerLink: true, fields: {} } }),
    },
    api: screenApi(
      [
        { id: "1", code: "yamada", name: "山田 太郎", email: "yamada@example.co.jp" },
        { id: "2", code: "sato", name: "佐藤 花子", email: "sato@example.co.jp" },
      ],
      (path) => (path === "/k/v1/records.json" ? { records: [], totalCount: "42" } : undefined),
    ),
    proxy: backendRoutes({
      "GET kintone/settings": () => json(404, { error: { code: "SETTINGS_NOT_FOUND", message: "未設定" } }),
      "GET users": () =>
        json(200, {
          users: [{ id: "u-1", name: "山田 太郎", email: "YAMADA@example.co.jp", kintoneUserCode: null }],
        }),
      "GET kintone/status": () =>
        json(200, { runs: [], nextSyncAt: null, customers: { linked: 0, total: 0 }, exports: {} }),
      "PUT kintone/settings": () =>
        json(200, { checks: [], savedAt: "2026-11-24T09:30:00Z", recordKey: "fa_rk_issued" }),
      ...backend,
    }),
  });
  render(<ConfigScreen env={kintone.env} />);
  // The key, typed on each visit: the users and the status wait for it.
  fireEvent.input(screen.getByLabelText("接続キー"), { target: { value: "fa_ck_typed" } });
  return kintone;
}

describe("user mapping and options inside the config screen", () => {
  test("what the sections put in the draft is what 保存 sends", async () => {
    const kintone = wholeScreen();
    fireEvent.click(
      await screen.findByRole("button", { name: "メールアドレスで提案を適用（1 件）" }, { timeout: 3000 }),
    );
    fireEvent.input(screen.getByLabelText("同期の間隔（時間）"), { target: { value: "12" } });
    fireEvent.input(screen.getByLabelText("全件同期の間隔（日）"), { target: { value: "0" } });
    fireEvent.input(screen.getByLabelText("最初の取り込みの上限（件）"), { target: { value: "ゼロ" } });

    // The preview counts in the customer app on its own UPDATED_TIME field, found in the preview form.
    fireEvent.click(screen.getByRole("button", { name: "取り込み件数を確認" }));
    await screen.findByText("過去60日間に更新された 42 件をすべて取り込みます。");
    expect(kintone.apiCalls.find((c) => c.path === "/k/v1/records.json")?.params).toMatchObject({
      app: CUSTOMER_APP,
      query: expect.stringMatching(/^更新日時 >= "\d{4}-\d\d-\d\dT\d\d:\d\d:00Z" limit 1$/),
    });

    // A half-typed number holds the save back (the draft would keep the old value unnoticed).
    fireEvent.click(screen.getByRole("button", { name: "保存" }));
    await screen.findByText("赤い項目を直してから保存してください。");
    expect(kintone.proxyCalls.some((c) => c.method === "PUT")).toBe(false);

    fireEvent.input(screen.getByLabelText("最初の取り込みの上限（件）"), { target: { value: "5000" } });
    fireEvent.click(screen.getByRole("button", { name: "保存" }));
    await waitFor(() => expect(kintone.proxyCalls.some((c) => c.method === "PUT")).toBe(true));
    const body = kintone.proxyCalls.find((c) => c.method === "PUT")?.body as {
      options: unknown;
      userMappings: unknown;
    };
    expect(body.userMappings).toEqual([{ frontAgentUserId: "u-1", kintoneUserCode: "yamada" }]);
    expect(body.options).toEqual({
      autoRegister: true,
      initialWindowDays: 60,
      initialMaxRecords: 5000,
      syncIntervalHours: 12,
      fullSyncIntervalDays: 0,
    });
  });

  test("the operator's ceiling from the status shows at the cap; the backend's check on it shows under it", async () => {
    const maxRecords = {
      id: "options.maxRecords",
      status: "error",
      message: "このバックエンドで取り込める上限は 5,000 件です。",
      fix: "運用者に MAX_INITIAL_RECORDS を上げるよう依頼してください。",
      field: "options.initialMaxRecords",
    };
    wholeScreen({
      "GET kintone/status": () =>
        json(200, {
          runs: [],
          nextSyncAt: null,
          nextFullSyncAt: null,
          limits: { maxInitialRecords: 5000 },
          customers: { linked: 0, total: 0 },
          exports: {},
        }),
      "POST kintone/settings/validate": () => json(200, { checks: [maxRecords] }),
    });
    const cap = screen.getByLabelText("最初の取り込みの上限（件）");
    const row = cap.closest(".kintoneplugin-row") as HTMLElement;
    await waitFor(
      () =>
        expect(row.textContent).toContain("最大 5,000 件（これより多くするには運用者に依頼してください）"),
      { timeout: 3000 },
    );
    expect(cap.getAttribute("aria-describedby")).toBe("fa-option-initialMaxRecords-help");
    fireEvent.input(cap, { target: { value: "8000" } });
    fireEvent.click(screen.getByRole("button", { name: "設定を確認" }));
    await waitFor(() =>
      expect(row.textContent).toContain("このバックエンドで取り込める上限は 5,000 件です。"),
    );
    expect(row.querySelector(".fa-check-error")?.textContent).toBe(
      "このバックエンドで取り込める上限は 5,000 件です。 運用者に MAX_INITIAL_RECORDS を上げるよう依頼してください。",
    );
    expect(
      screen.getByText("定期的な全件同期はオフです（オプションの「全件同期の間隔（日）」で設定できます）。"),
    ).toBeTruthy();
  });

  test("設定を確認 with warnings only says the settings can be saved and how many warnings, not 問題はありません", async () => {
    const warning = (id: string) => ({
      id,
      status: "warning",
      message: `${id} を確かめられませんでした。`,
      field: "customerApp.apiToken",
    });
    wholeScreen({
      "POST kintone/settings/validate": () =>
        json(200, { checks: [warning("w1"), warning("w2"), warning("w3"), warning("w4")] }),
    });
    await screen.findByRole("button", { name: "メールアドレスで提案を適用（1 件）" }, { timeout: 3000 });
    fireEvent.click(screen.getByRole("button", { name: "設定を確認" }));
    expect(
      await screen.findByText(
        "APIトークンの権限とフォームを確認しました。保存できます。警告が 4 件あります（橙の項目）。",
      ),
    ).toBeTruthy();
    expect(screen.getByRole("heading", { name: /^設定の確認/ }).textContent).toBe(
      "設定の確認 — エラー 0 件・警告 4 件",
    );
    expect(screen.queryByText(/問題はありません/)).toBeNull();
  });

  test("the import preview boxes are drawn only once they have something to say", async () => {
    wholeScreen();
    const options = screen.getByRole("heading", { name: "オプション" }).parentElement as HTMLElement;
    await screen.findByRole("button", { name: "メールアドレスで提案を適用（1 件）" }, { timeout: 3000 });
    expect(options.querySelectorAll(".fa-preview")).toHaveLength(0);
    fireEvent.click(screen.getByRole("button", { name: "取り込み件数を確認" }));
    await screen.findByText("過去60日間に更新された 42 件をすべて取り込みます。");
    expect(options.querySelectorAll(".fa-preview")).toHaveLength(1);
  });
});
