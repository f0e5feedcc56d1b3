// @vitest-environment node
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type KintonePages, startKintonePages } from "./kintone-pages.ts";
import { buildPlugin, contentsDir, launchChromium, type Stack, screenshotDir, startStack } from "./stack.ts";

let stack: Stack;
let pages: KintonePages;
let browser: Browser;

beforeAll(async () => {
  [stack] = await Promise.all([startStack(), buildPlugin()]);
  pages = await startKintonePages({
    emulatorUrl: stack.emulator.url,
    login: { code: "admin", password: "admin-pass" },
    language: "ja",
    pluginId: "testpluginid",
    appId: stack.apps.customer.appId,
    contentsDir,
    css: { config: [], desktop: [] },
  });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await stack?.close();
});

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });

describe("the config screen in a browser, inside a kintone-shaped page", () => {
  test("the administrator connects the backend", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${pages.url}/k/admin/app/${stack.apps.customer.appId}/plugin/config`);
    await expect
      .poll(() => page.getByRole("heading", { level: 2 }).textContent())
      .toBe("Front Agent 連携設定");
    await page.getByLabel("バックエンドのURL").fill(stack.backend.url);
    await page.getByLabel("接続キー").fill(stack.tenant.connectionKey);
    await page.getByRole("button", { name: "接続テスト" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("接続できました");
    await shot(page, "01-connection");
    expect(errors).toEqual([]);
    expect(pages.proxied.at(-1)).toMatchObject({
      url: `${stack.backend.url}/v1/kintone/status`,
      status: 200,
    });
  }, 60_000);
});
