import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, test } from "vitest";
import { ACTIVITY_APP, CUSTOMER_APP, screenApi } from "../../test/config/apps.fixture.tsx";
import { BACKEND_URL, backendRoutes } from "../../test/config/section-harness.tsx";
import { fakeKintone, json } from "../../test/fake-kintone.ts";
import { ConfigScreen } from "./ConfigScreen.tsx";

// Issue 12 #3: the connection key is typed on each visit and never stored in kintone, where any user of a
// record page could use it through the proxy. These tests hold the screen to that, and to the record key
// being the only secret it stores.

afterEach(cleanup);

const KEY = "fa_ck_the-tenants-key";
const METHODS = ["GET", "POST", "PUT", "DELETE"] as const;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The key is tried once it stops changing (use-settled.ts, 500 ms). */
const SETTLED = { timeout: 3000 };

/** What the backend holds: both tokens, a user mapped, a 12-hour interval (the plug-in config says 24). */
const STORED = {
  kintone: { baseUrl: "https://example.cybozu.com" },
  frontAgent: { baseUrl: "https://front-agent.example.com" },
  customerApp: { appId: CUSTOMER_APP, apiToken: { set: true }, fields: {} },
  activityApp: { appId: ACTIVITY_APP, apiToken: { set: true }, customerLink: true, fields: {} },
  options: { autoRegister: true, initialWindowDays: 60, initialMaxRecords: 3000, syncIntervalHours: 12 },
  userMappings: [{ frontAgentUserId: "u-1", kintoneUserCode: "yamada" }],
};

/** A screen opened after an earlier save: the plug-in config holds the URL and the non-secret settings. */
function reopened() {
  let saves = 0;
  const route = backendRoutes({
    "GET kintone/settings": () => json(200, STORED),
    "GET users": () =>
      json(200, {
        users: [{ id: "u-1", name: "山田 太郎", email: "yamada@example.co.jp", kintoneUserCode: null }],
      }),
    "GET kintone/status": () =>
      json(200, { runs: [], nextSyncAt: null, customers: { linked: 7, total: 9 }, exports: {} }),
    "PUT kintone/settings": () =>
      json(200, { checks: [], savedAt: "2026-12-04T09:00:00Z", recordKey: `fa_rk_${++saves}` }),
  });
  const kintone = fakeKintone({
    appId: CUSTOMER_APP,
    config: {
      backendUrl: BACKEND_URL,
      // What versions before issue 12 #3 kept beside the settings; it means nothing now.
      connectionKeySet: "true",
      settings: JSON.stringify({
        frontAgent: STORED.frontAgent,
        activityApp: { appId: ACTIVITY_APP, customerLink: true, fields: {} },
        options: { ...STORED.options, syncIntervalHours: 24 },
      }),
    },
    api: screenApi([{ id: "1", code: "yamada", name: "山田 太郎", email: "yamada@example.co.jp" }]),
    // The backend: the tenant's connection key or 401, whatever the path.
    proxy: (call) =>
      call.headers.Authorization === `Bearer ${KEY}`
        ? route(call)
        : json(401, { error: { code: "UNAUTHORIZED", message: "認証できません。" } }),
  });
  render(<ConfigScreen env={kintone.env} />);
  return kintone;
}

const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const typeKey = (value: string) => fireEvent.input(input("接続キー"), { target: { value } });
const settingsReads = (kintone: ReturnType<typeof fakeKintone>) =>
  kintone.proxyCalls.filter((c) => c.method === "GET" && c.url.endsWith("/v1/kintone/settings")).length;

describe("the connection key on the config screen", () => {
  test("opened with a saved backend URL and no key: nothing is loaded, the screen says to type the key", async () => {
    const kintone = reopened();
    expect(screen.getByText("保存済みの設定を読み込むには、接続キーを入力してください。")).toBeTruthy();
    expect(
      screen.getByText(/接続キーはこの画面を開くたびに入力します。kintone には保存しません/),
    ).toBeTruthy();
    expect(input("接続キー").type).toBe("password");
    expect(input("接続キー").value).toBe("");
    expect(input("接続キー").placeholder).toBe("");
    // The plug-in config's non-secret values are shown meanwhile.
    expect(input("バックエンドのURL").value).toBe(BACKEND_URL);
    expect(input("Front Agent のURL").value).toBe("https://front-agent.example.com");
    expect(input("同期の間隔（時間）").value).toBe("24");
    // The sections that need the backend say they wait; none spins.
    expect(
      screen.getByText("バックエンドのURLと接続キーを入力すると、同期の状況が表示されます。"),
    ).toBeTruthy();
    expect(
      screen.getByText("バックエンドのURLと接続キーを入力すると、Front Agent のユーザーが表示されます。"),
    ).toBeTruthy();
    await sleep(800);
    expect(kintone.proxyCalls).toEqual([]);
    expect(document.body.textContent).not.toMatch(/読み込んでいます|読み込み中/);

    fireEvent.click(screen.getByRole("button", { name: "保存" }));
    expect(await screen.findByText("接続キーを入力してください。")).toBeTruthy();
    expect(kintone.proxyCalls).toEqual([]);
    expect(kintone.proxyConfig.size).toBe(0);
  });

  test("typing the key loads the stored settings once it settles, then the users and the status", async () => {
    const kintone = reopened();
    for (const end of [6, 12, KEY.length]) typeKey(KEY.slice(0, end));
    expect(await screen.findByText("保存済みの設定を読み込みました。", undefined, SETTLED)).toBeTruthy();
    await waitFor(() => expect(input("同期の間隔（時間）").value).toBe("12"));
    expect((document.querySelector("#fa-customerApp-token") as HTMLInputElement).placeholder).toBe(
      "設定済み（変更するときだけ入力）",
    );
    expect(await screen.findByText("1 人 / 1 人を連携済み")).toBeTruthy();
    expect(await screen.findByText("連携済みの顧客: 7 件 / 9 件")).toBeTruthy();
    // One try of the settled key, not one per keystroke; every call carries the typed key.
    expect(settingsReads(kintone)).toBe(1);
    expect(kintone.proxyCalls.map((c) => c.headers.Authorization)).toEqual(
      kintone.proxyCalls.map(() => `Bearer ${KEY}`),
    );
  });

  test("a refused key says so and loads nothing; saving waits for the stored settings", async () => {
    const kintone = reopened();
    typeKey("fa_ck_someone-elses");
    expect(await screen.findByText(/^接続キーが受け付けられませんでした。/, undefined, SETTLED)).toBeTruthy();
    expect(input("同期の間隔（時間）").value).toBe("24");
    expect(
      screen.getByText("バックエンドのURLと接続キーを入力すると、同期の状況が表示されます。"),
    ).toBeTruthy();
    expect(kintone.proxyCalls.map((c) => `${c.method} ${c.url}`)).toEqual([
      `GET ${BACKEND_URL}/v1/kintone/settings`,
    ]);

    fireEvent.click(screen.getByRole("button", { name: "保存" }));
    expect(await screen.findByText(/^保存済みの設定を読み込んでから保存します。/)).toBeTruthy();
    expect(kintone.proxyCalls.some((c) => c.method === "PUT")).toBe(false);

    typeKey(KEY);
    expect(await screen.findByText("保存済みの設定を読み込みました。", undefined, SETTLED)).toBeTruthy();
    await waitFor(() => expect(input("同期の間隔（時間）").value).toBe("12"));
  });

  test("saving stores only the record key (customer-link, GET) and empties what older versions stored", async () => {
    const kintone = reopened();
    // What a version before issue 12 #3 left: the connection key for every call under /v1/.
    for (const method of METHODS)
      kintone.proxyConfig.set(`${method} ${BACKEND_URL}/v1/`, { Authorization: `Bearer ${KEY}` });
    typeKey(KEY);
    await screen.findByText("保存済みの設定を読み込みました。", undefined, SETTLED);
    const save = screen.getByRole("button", { name: "保存" });
    // Saving waits for the forms (the screen's own checks need them).
    await waitFor(() =>
      expect(document.querySelector<HTMLSelectElement>("#fa-activityApp-title")?.disabled).toBe(false),
    );
    fireEvent.click(save);
    await screen.findByText(/^保存しました。/);

    const emptied = Object.fromEntries(METHODS.map((m) => [`${m} ${BACKEND_URL}/v1/`, {}]));
    expect(Object.fromEntries(kintone.proxyConfig)).toEqual({
      [`GET ${BACKEND_URL}/v1/kintone/customer-link`]: { Authorization: "Bearer fa_rk_1" },
      ...emptied,
    });
    expect(JSON.stringify([...kintone.proxyConfig])).not.toContain(KEY);
    expect(JSON.stringify(kintone.config())).not.toContain(KEY);
    expect(kintone.config()).not.toHaveProperty("connectionKeySet");
    // The administrator goes on working: the typed key stays in the field (in memory only).
    expect(input("接続キー").value).toBe(KEY);

    // What a record page's console can do now: kintone adds the record key to the customer link only.
    await kintone.env.proxy(`${BACKEND_URL}/v1/kintone/settings`, "PUT", {}, { frontAgent: {} });
    expect(kintone.proxyCalls.at(-1)?.headers).toEqual({});
    await kintone.env.proxy(`${BACKEND_URL}/v1/kintone/sync`, "POST", {}, { mode: "full" });
    expect(kintone.proxyCalls.at(-1)?.headers).toEqual({});
    await kintone.env.proxy(`${BACKEND_URL}/v1/kintone/customer-link?recordId=1`, "GET", {}, undefined);
    expect(kintone.proxyCalls.at(-1)?.headers).toEqual({ Authorization: "Bearer fa_rk_1" });

    // Saving again issues a new record key, which replaces the old one.
    fireEvent.click(save);
    await waitFor(() =>
      expect(kintone.proxyConfig.get(`GET ${BACKEND_URL}/v1/kintone/customer-link`)).toEqual({
        Authorization: "Bearer fa_rk_2",
      }),
    );
    expect(kintone.proxyConfig.size).toBe(5);
  });
});
