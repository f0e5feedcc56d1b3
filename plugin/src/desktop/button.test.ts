import { afterEach, describe, expect, test, vi } from "vitest";
import { fakeKintone, json } from "../../test/fake-kintone.ts";
import { configuredCustomerApp, showOpenButton } from "./button.ts";

const BACKEND = "https://fa.example.com";
const CUSTOMER = "https://app.frontagent.example/customers/c-42";

function header(): HTMLElement {
  const element = document.createElement("div");
  document.body.append(element);
  return element;
}

afterEach(() => {
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

describe("showOpenButton", () => {
  test("a linked record gets a button that opens its Front Agent page in a new tab, without opener", async () => {
    const kintone = fakeKintone({
      config: { backendUrl: BACKEND },
      proxy: () => json(200, { url: CUSTOMER }),
    });
    const open = vi.spyOn(window, "open").mockReturnValue(null);
    const space = header();
    await showOpenButton(kintone.env, "7", space);

    expect(kintone.proxyCalls).toMatchObject([
      { url: `${BACKEND}/v1/kintone/customer-link?recordId=7`, method: "GET" },
    ]);
    const button = space.querySelector("button");
    expect(button?.textContent).toBe("Front Agentで開く");
    expect(button?.disabled).toBe(false);
    button?.click();
    expect(open).toHaveBeenCalledWith(CUSTOMER, "_blank", "noopener");
  });

  test("a record not linked says 未連携 and offers no button", async () => {
    const kintone = fakeKintone({
      config: { backendUrl: BACKEND },
      proxy: () => json(404, { error: { code: "CUSTOMER_NOT_LINKED", message: "連携されていません" } }),
    });
    const space = header();
    await showOpenButton(kintone.env, "7", space);
    expect(space.textContent).toBe("未連携");
    expect(space.querySelector("button")).toBeNull();
  });

  test("a failing backend is said so in a few words, never with what it answered", async () => {
    const kintone = fakeKintone({
      config: { backendUrl: BACKEND },
      proxy: () => ({ status: 502, body: "upstream secret-token-123 exploded" }),
    });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const space = header();
    await showOpenButton(kintone.env, "7", space);
    expect(space.querySelector('[role="alert"]')?.textContent).toBe("Front Agentに接続できませんでした");
    expect(space.querySelector("button")).toBeNull();
    expect(String(warn.mock.calls)).not.toContain("secret-token-123");
  });

  test("the unconfigured plug-in asks nothing of the proxy", async () => {
    const kintone = fakeKintone();
    const space = header();
    await showOpenButton(kintone.env, "7", space);
    expect(space.textContent).toBe("Front Agentの接続先が未設定です");
    expect(kintone.proxyCalls).toEqual([]);
  });

  test("a link that is not http(s) is not opened", async () => {
    const kintone = fakeKintone({
      config: { backendUrl: BACKEND },
      proxy: () => json(200, { url: "javascript:alert(1)" }),
    });
    const space = header();
    await showOpenButton(kintone.env, "7", space);
    expect(space.querySelector("button")).toBeNull();
    expect(space.textContent).toBe("Front Agentに接続できませんでした");
  });

  test.each([
    ["linked", () => json(200, { url: CUSTOMER }), "Open in Front Agent"],
    ["not linked", () => json(404, { error: { code: "CUSTOMER_NOT_LINKED" } }), "Not linked"],
    ["failing", () => json(500, { error: { code: "INTERNAL" } }), "Could not reach Front Agent"],
  ] as const)("speaks English to an English user (%s)", async (_case, proxy, text) => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const kintone = fakeKintone({ language: "en", config: { backendUrl: BACKEND }, proxy });
    const space = header();
    await showOpenButton(kintone.env, "7", space);
    expect(space.textContent).toBe(text);
    expect(kintone.proxyCalls[0]?.headers["Accept-Language"]).toBe("en");
  });

  test("a second detail.show of the same record (after an edit) adds nothing", async () => {
    const kintone = fakeKintone({
      config: { backendUrl: BACKEND },
      proxy: () => json(200, { url: CUSTOMER }),
    });
    const space = header();
    await Promise.all([showOpenButton(kintone.env, "7", space), showOpenButton(kintone.env, "7", space)]);
    await showOpenButton(kintone.env, "7", space);
    expect(space.querySelectorAll("button")).toHaveLength(1);
    expect(kintone.proxyCalls).toHaveLength(1);
  });

  test("another record in the same header replaces the area, and a failed one is tried again", async () => {
    let fail = true;
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const kintone = fakeKintone({
      config: { backendUrl: BACKEND },
      proxy: (call) =>
        fail
          ? json(503, {})
          : call.url.endsWith("=8")
            ? json(200, { url: CUSTOMER })
            : json(404, { error: { code: "CUSTOMER_NOT_LINKED" } }),
    });
    const space = header();
    await showOpenButton(kintone.env, "7", space);
    expect(space.textContent).toBe("Front Agentに接続できませんでした");
    fail = false;
    await showOpenButton(kintone.env, "7", space);
    expect(space.textContent).toBe("未連携");
    await showOpenButton(kintone.env, "8", space);
    expect(space.children).toHaveLength(1);
    expect(space.querySelectorAll("button")).toHaveLength(1);
  });

  test("on another app's record (the activity app, where the plug-in was also added) it shows and asks nothing", async () => {
    const kintone = fakeKintone({
      appId: "15",
      config: { backendUrl: BACKEND, settings: JSON.stringify({ customerApp: { appId: "14" } }) },
      proxy: () => json(404, { error: { code: "CUSTOMER_NOT_LINKED" } }),
    });
    const space = header();
    await showOpenButton(kintone.env, "7", space);
    expect(space.innerHTML).toBe("");
    expect(kintone.proxyCalls).toEqual([]);
  });

  test("on the customer app the config names, it asks for the link as before", async () => {
    const kintone = fakeKintone({
      appId: "14",
      config: { backendUrl: BACKEND, settings: JSON.stringify({ customerApp: { appId: "14" } }) },
      proxy: () => json(200, { url: CUSTOMER }),
    });
    const space = header();
    await showOpenButton(kintone.env, "7", space);
    expect(space.querySelector("button")?.disabled).toBe(false);
    expect(kintone.proxyCalls).toHaveLength(1);
  });

  test("an answer for a record the user has left does not overwrite the record now shown", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    let failFirst: (answer: { status: number; body: string }) => void = () => {};
    const kintone = fakeKintone({
      config: { backendUrl: BACKEND },
      proxy: (call) =>
        call.url.endsWith("=7")
          ? new Promise((resolve) => {
              failFirst = resolve;
            })
          : json(200, { url: CUSTOMER }),
    });
    const space = header();
    const first = showOpenButton(kintone.env, "7", space);
    await showOpenButton(kintone.env, "8", space);
    failFirst({ status: 503, body: "" });
    await first;
    expect(space.querySelector("button")?.disabled).toBe(false);
    expect(space.textContent).toBe("Front Agentで開く");
  });
});

describe("configuredCustomerApp", () => {
  test.each([
    ["saved by the config screen", { settings: JSON.stringify({ customerApp: { appId: "14" } }) }, "14"],
    ["an app id stored as a number", { settings: JSON.stringify({ customerApp: { appId: 14 } }) }, "14"],
    ["nothing saved yet", {}, null],
    ["only the backend URL (an older save)", { backendUrl: BACKEND }, null],
    ["settings without the customer app", { settings: JSON.stringify({ options: {} }) }, null],
    ["an empty app id", { settings: JSON.stringify({ customerApp: { appId: "" } }) }, null],
    ["settings that are not JSON", { settings: "{oops" }, null],
    ["settings that are JSON null", { settings: "null" }, null],
  ] as const)("%s → %s", (_case, config, expected) => {
    expect(configuredCustomerApp(config)).toBe(expected);
  });
});
