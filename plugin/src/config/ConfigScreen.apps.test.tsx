import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { afterEach, describe, expect, test } from "vitest";
import { ACTIVITY_APP, activityForm, CUSTOMER_APP, customerForm } from "../../test/config/apps.fixture.tsx";
import { fakeKintone, json } from "../../test/fake-kintone.ts";
import { FORM_PATH } from "./apps/forms.ts";
import { ConfigScreen } from "./ConfigScreen.tsx";

afterEach(cleanup);

/** The whole screen over a kintone with the template apps and a backend answering `put`. */
function screenWith(settings: object, put: () => ReturnType<typeof json>) {
  const kintone = fakeKintone({
    appId: CUSTOMER_APP,
    config: { backendUrl: "https://fa.example.com", settings: JSON.stringify(settings) },
    api: ({ path, params }) => {
      if (path === "/k/v1/apps.json")
        return { apps: params.offset === 0 ? [{ appId: ACTIVITY_APP, name: "活動履歴" }] : [] };
      if (path === FORM_PATH)
        return { properties: String(params.app) === CUSTOMER_APP ? customerForm() : activityForm() };
      throw { code: "FAKE_NO_API", message: path };
    },
    proxy: (call) =>
      call.method === "PUT"
        ? put()
        : json(404, { error: { code: "NOT_FOUND", message: "見つかりません。" } }),
  });
  render(<ConfigScreen env={kintone.env} />);
  return kintone;
}

/** The administrator types the key; the stored settings (none here: 404) are read once it settles. */
async function typeKey() {
  fireEvent.input(screen.getByLabelText("接続キー"), { target: { value: "fa_ck_typed" } });
  await screen.findByText("保存済みの設定を読み込みました。", undefined, { timeout: 3000 });
}

const activityApp = () => screen.getByRole("group", { name: "活動履歴アプリ" });

describe("the apps section inside the config screen", () => {
  test("a red check found on the screen blocks saving before the backend is asked", async () => {
    const kintone = screenWith({ activityApp: { appId: "", customerLink: true, fields: {} } }, () =>
      json(200, { checks: [], savedAt: "2025-01-01T00:00:00Z" }),
    );
    await within(activityApp()).findByText("活動履歴アプリを選んでください。");
    await typeKey();
    fireEvent.click(screen.getByRole("button", { name: "保存" }));
    expect(await screen.findByText("赤い項目を直してから保存してください。")).toBeTruthy();
    expect(kintone.proxyCalls.filter((c) => c.method === "PUT")).toEqual([]);
  });

  test("the checks a refused save brings back show under their field", async () => {
    const kintone = screenWith({ activityApp: { appId: ACTIVITY_APP, customerLink: true, fields: {} } }, () =>
      json(422, {
        error: {
          code: "SETTINGS_CHECK_FAILED",
          message: "設定に問題があります。",
          details: {
            checks: [
              {
                id: "customerApp.token.manage",
                status: "error",
                message: "アプリ（ID: 14）の API トークンに「アプリ管理」の権限がありません。",
                field: "customerApp.apiToken",
              },
            ],
          },
        },
      }),
    );
    const title = await within(activityApp()).findByLabelText<HTMLSelectElement>("件名");
    await waitFor(() => expect(title.disabled).toBe(false));
    await typeKey();
    fireEvent.click(screen.getByRole("button", { name: "保存" }));
    const customerApp = screen.getByRole("group", { name: "顧客管理アプリ" });
    const row = await within(customerApp).findByText(/「アプリ管理」の権限がありません/);
    expect(row.closest(".kintoneplugin-row")?.querySelector("input")?.type).toBe("password");
    // A refused save stores nothing in kintone.
    expect(kintone.proxyConfig.size).toBe(0);
    expect(JSON.parse(kintone.config().settings ?? "{}").activityApp.appId).toBe(ACTIVITY_APP);
  });
});
