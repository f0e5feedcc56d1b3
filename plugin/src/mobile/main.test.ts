import { afterEach, describe, expect, test, vi } from "vitest";

const BACKEND = "https://fa.example.com";
type Handler = (event: { recordId: number }) => unknown;

/** kintone mobile's global as the script meets it: kintone.mobile.app, no kintone.app (a desktop API). */
function mobileKintone(appId: number, settings: object) {
  const handlers = new Map<string, Handler>();
  const space = document.createElement("div");
  document.body.append(space);
  const proxy = vi.fn(async () => [JSON.stringify({ url: "https://fa.example/customers/c-1" }), 200, {}]);
  vi.stubGlobal("kintone", {
    $PLUGIN_ID: "mobileplugin",
    getLoginUser: () => ({ language: "ja", timezone: "Asia/Tokyo" }),
    events: { on: (type: string, handler: Handler) => handlers.set(type, handler) },
    mobile: { app: { getId: () => appId, getHeaderSpaceElement: () => space } },
    plugin: {
      app: {
        getConfig: () => ({ backendUrl: BACKEND, settings: JSON.stringify(settings) }),
        proxy,
      },
    },
  });
  return { handlers, space, proxy };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
  document.body.replaceChildren();
});

describe("mobile/main.ts", () => {
  test("on mobile.app.record.detail.show of a customer record, the button goes into the header space", async () => {
    const kintone = mobileKintone(14, { customerApp: { appId: "14" } });
    await import("./main.ts");
    const handler = kintone.handlers.get("mobile.app.record.detail.show");
    expect(handler).toBeDefined();
    const event = { recordId: 7 };
    expect(handler?.(event)).toBe(event);
    await vi.waitFor(() => expect(kintone.space.querySelector("button")?.disabled).toBe(false));
    expect(kintone.space.textContent).toBe("Front Agentで開く");
    expect(kintone.proxy).toHaveBeenCalledWith(
      "mobileplugin",
      `${BACKEND}/v1/kintone/customer-link?recordId=7`,
      "GET",
      expect.anything(),
      {},
    );
    expect(kintone.handlers.has("app.record.detail.show")).toBe(false);
  });

  test("the app is kintone.mobile.app's: another app's record gets nothing", async () => {
    const kintone = mobileKintone(15, { customerApp: { appId: "14" } });
    await import("./main.ts");
    kintone.handlers.get("mobile.app.record.detail.show")?.({ recordId: 7 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(kintone.space.innerHTML).toBe("");
    expect(kintone.proxy).not.toHaveBeenCalled();
  });
});
