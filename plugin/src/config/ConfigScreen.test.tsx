import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, test } from "vitest";
import { fakeKintone, json } from "../../test/fake-kintone.ts";
import { FORM_PATH } from "./apps/forms.ts";
import { ConfigScreen } from "./ConfigScreen.tsx";

afterEach(cleanup);

describe("ConfigScreen", () => {
  test.each([
    ["ja", "Front Agent 連携設定", "接続テスト"],
    ["en", "Front Agent integration settings", "Test connection"],
  ] as const)("speaks the login user's language (%s)", (language, title, button) => {
    const kintone = fakeKintone({ language });
    render(<ConfigScreen env={kintone.env} />);
    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe(title);
    expect(screen.getByRole("button", { name: button })).toBeTruthy();
  });

  test("接続テスト sends the typed key through the proxy and reports what the backend answered", async () => {
    const kintone = fakeKintone({
      proxy: (call) =>
        call.headers.Authorization !== "Bearer right-key"
          ? json(401, { error: { code: "UNAUTHORIZED", message: "認証できません" } })
          : call.url.endsWith("/v1/kintone/status")
            ? json(200, { runs: [], nextSyncAt: null, customers: { linked: 3, total: 5 }, exports: {} })
            : json(404, { error: { code: "SETTINGS_NOT_FOUND", message: "未設定" } }),
    });
    render(<ConfigScreen env={kintone.env} />);
    const test = screen.getByRole("button", { name: "接続テスト" }) as HTMLButtonElement;
    fireEvent.input(screen.getByLabelText("バックエンドのURL"), {
      target: { value: "https://fa.example.com/" },
    });
    // No key, nothing to test with.
    expect(test.disabled).toBe(true);
    fireEvent.input(screen.getByLabelText("接続キー"), { target: { value: "wrong-key" } });
    fireEvent.click(test);
    // A refused key is said once, under the key.
    await waitFor(() =>
      expect(screen.getByRole("alert").textContent).toContain("接続キーが受け付けられませんでした"),
    );
    expect(screen.queryByRole("status")).toBeNull();
    fireEvent.input(screen.getByLabelText("接続キー"), { target: { value: "right-key" } });
    fireEvent.click(test);
    await waitFor(() =>
      expect(screen.getByRole("status").textContent).toContain("連携済みの顧客 3 件 / 5 件"),
    );
    expect(screen.queryByRole("alert")).toBeNull();
    expect(kintone.proxyCalls.filter((c) => c.url.endsWith("/status")).at(-1)).toMatchObject({
      url: "https://fa.example.com/v1/kintone/status",
      method: "GET",
      headers: { "Accept-Language": "ja", Authorization: "Bearer right-key" },
    });
    // Testing stores nothing in kintone.
    expect(kintone.proxyConfig.size).toBe(0);
    expect(kintone.config()).toEqual({});
  });

  test("an unreachable backend is said so, with the HTTP status kintone's proxy gave", async () => {
    const kintone = fakeKintone();
    render(<ConfigScreen env={kintone.env} />);
    fireEvent.input(screen.getByLabelText("バックエンドのURL"), {
      target: { value: "https://nowhere.example" },
    });
    fireEvent.input(screen.getByLabelText("接続キー"), { target: { value: "some-key" } });
    fireEvent.click(screen.getByRole("button", { name: "接続テスト" }));
    await waitFor(() =>
      expect(screen.getByRole("status").textContent).toContain("バックエンドに接続できません（HTTP 503）"),
    );
  });

  test("first visit to an app not made from the template: its form decides, no template code shows as deleted", async () => {
    const kintone = fakeKintone({
      api: ({ path }) => {
        if (path === FORM_PATH)
          return {
            properties: {
              お客様名: { type: "SINGLE_LINE_TEXT", code: "お客様名", label: "お客様名", unique: true },
              会社名: { type: "SINGLE_LINE_TEXT", code: "会社名", label: "会社名" },
              レコード番号: { type: "RECORD_NUMBER", code: "レコード番号", label: "レコード番号" },
            },
          };
        if (path === "/k/v1/apps.json") return { apps: [] };
        throw { code: "FAKE_NO_API", message: path };
      },
    });
    render(<ConfigScreen env={kintone.env} />);
    const company = (await screen.findByLabelText(/^会社名/)) as HTMLSelectElement;
    await waitFor(() => expect(company.value).toBe("会社名"));
    await waitFor(() => expect(document.body.textContent).not.toContain("削除/変更されたフィールド"));
    // 顧客名 is not in this app: the name item is empty and asks to be chosen, not red for a deleted field.
    expect((screen.getByLabelText(/^氏名/) as HTMLSelectElement).value).toBe("");
  });

  test("設定を確認 asks the backend to check without storing, and shows its findings at their fields", async () => {
    const kintone = fakeKintone({
      proxy: (call) =>
        call.url.endsWith("/v1/kintone/settings/validate")
          ? json(200, {
              checks: [
                {
                  id: "customerApp.token.manage",
                  status: "error",
                  message: "アプリ（ID: 14）のAPIトークンに「アプリ管理」の権限がありません。",
                  fix: "アプリの設定 > APIトークン で、このトークンの「アプリ管理」にチェックを入れて「保存」し、「アプリを更新」を押してください。",
                  field: "customerApp.apiToken",
                },
              ],
            })
          : json(404, { error: { code: "NOT_FOUND", message: "-" } }),
    });
    render(<ConfigScreen env={kintone.env} />);
    fireEvent.input(screen.getByLabelText("バックエンドのURL"), {
      target: { value: "https://fa.example.com" },
    });
    fireEvent.click(screen.getByRole("button", { name: "設定を確認" }));
    await screen.findByText("接続キーを入力してください。");
    expect(kintone.proxyCalls).toEqual([]);
    fireEvent.input(screen.getByLabelText("接続キー"), { target: { value: "typed-key" } });
    fireEvent.click(screen.getByRole("button", { name: "設定を確認" }));
    // The notice counts what the checks panel shows: the backend's check and the two the screen found.
    await screen.findByText("3 件の問題が見つかりました。赤い項目を確認してください。");
    expect(screen.getByRole("heading", { name: /^設定の確認/ }).textContent).toBe(
      "設定の確認 — エラー 3 件・警告 0 件",
    );
    expect(document.querySelector("#fa-customerApp-token-checks")?.textContent).toContain(
      "「アプリ管理」の権限がありません",
    );
    expect(kintone.proxyCalls.find((c) => c.method === "POST")).toMatchObject({
      url: "https://fa.example.com/v1/kintone/settings/validate",
      headers: { Authorization: "Bearer typed-key" },
    });
    expect(kintone.proxyCalls.some((c) => c.method === "PUT")).toBe(false);
    expect(kintone.config()).toEqual({});
    expect(kintone.proxyConfig.size).toBe(0);
  });
});
