// @vitest-environment node
import { rmSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type KintonePages, startKintonePages } from "../../harness/kintone-pages.ts";
import { buildPlugin, launchChromium, type Stack, screenshotDir, startStack } from "./stack.ts";

let stack: Stack;
let pages: KintonePages;
let browser: Browser;
let contents: string;

beforeAll(async () => {
  [stack, contents] = await Promise.all([startStack(), buildPlugin()]);
  pages = await startKintonePages({
    emulatorUrl: stack.emulator.url,
    login: { code: "admin", password: "admin-pass" },
    language: "ja",
    pluginId: "testpluginid",
    appId: stack.apps.customer.appId,
    contentsDir: contents,
    css: { config: ["css/config.css"], desktop: ["css/desktop.css"] },
  });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await stack?.close();
  if (contents) rmSync(contents, { recursive: true, force: true });
});

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });

/** A page that fails the test on any script error. */
async function openPage(path: string) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${pages.url}${path}`);
  return { page, errors };
}

describe("the plug-in in a browser, inside kintone-shaped pages", () => {
  test("an administrator connects, meets a missing token permission and its fix, corrects it, saves and sees the first import finish", async () => {
    const { customer, activity } = stack.apps;
    // A customer-app token without アプリ管理: the backend's probe finds it missing.
    const weakToken = await stack.kintone.createToken(customer.appId, { view: true, add: true, edit: true });
    const { page, errors } = await openPage(`/k/admin/app/${customer.appId}/plugin/config`);
    await expect
      .poll(() => page.getByRole("heading", { level: 2 }).textContent())
      .toBe("Front Agent 連携設定");

    await page.getByLabel("バックエンドのURL").fill(stack.backend.url);
    await page.getByLabel("接続キー").fill(stack.tenant.connectionKey);
    await page.getByLabel("Front Agent のURL").fill(`${pages.url}/front-agent`);
    await page.getByRole("button", { name: "接続テスト" }).click();
    await expect.poll(() => page.locator(".fa-probe").textContent()).toContain("接続できました");
    await shot(page, "01-connection");

    await page.locator("#fa-activityApp-app").selectOption(activity.appId);
    await page.locator("#fa-customerApp-token").fill(weakToken);
    await page.locator("#fa-activityApp-token").fill(activity.token);
    // The template's fields are offered and pre-selected once the activity app's form is read.
    await expect
      .poll(() => page.locator("#fa-activityApp-customerLookup").inputValue())
      .toBe("顧客レコード番号");
    await shot(page, "02-apps-and-fields");

    // 設定を確認: the backend probes the tokens and finds アプリ管理 missing; its fix shows under the token.
    await page.getByRole("button", { name: "設定を確認" }).click();
    await expect
      .poll(() => page.locator(".fa-notice-error").textContent())
      .toContain("件の問題が見つかりました");
    const tokenProblem = page.locator("#fa-customerApp-token-checks");
    await expect.poll(() => tokenProblem.textContent()).toContain("アプリ管理");
    await expect.poll(() => tokenProblem.textContent()).toContain("アプリを更新");
    await shot(page, "03-missing-permission");
    // Saving with it is refused by the backend, and nothing is stored in kintone.
    await page.getByRole("button", { name: "保存", exact: true }).click();
    await expect
      .poll(() => page.locator(".fa-notice-error").textContent())
      .toContain("バックエンドが設定を受け付けませんでした");
    expect(pages.config).toEqual({});
    expect(pages.proxyConfig.size).toBe(0);

    await page.locator("#fa-customerApp-token").fill(customer.token);
    await page.getByRole("button", { name: "保存", exact: true }).click();
    await expect
      .poll(() => page.locator(".fa-notice-success").textContent(), { timeout: 15_000 })
      .toContain("保存しました");
    const status = page.locator("section:has(> #fa-status)");
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toContain("成功");
    await expect.poll(() => status.textContent()).toMatch(/連携済みの顧客: [1-9]\d* 件/);
    await shot(page, "04-saved-and-imported");

    // kintone keeps the non-secret settings in the plug-in config and the key only in the proxy config.
    expect(pages.config.backendUrl).toBe(stack.backend.url);
    const stored = JSON.stringify(pages.config);
    for (const secret of [stack.tenant.connectionKey, customer.token, activity.token])
      expect(stored).not.toContain(secret);
    expect(pages.proxyConfig.get(`GET ${stack.backend.url}/v1/`)).toEqual({
      Authorization: `Bearer ${stack.tenant.connectionKey}`,
    });
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  test("on a linked customer's record the button opens its Front Agent page; an end user's page holds no secret", async () => {
    const customers = (await fetch(`${stack.backend.url}/v1/customers?limit=500`, {
      headers: { authorization: `Bearer ${stack.tenant.serviceToken}` },
    }).then((r) => r.json())) as { customers: Array<{ id: string; kintone: { recordId: string } | null }> };
    const linked = customers.customers.find((c) => c.kintone);
    if (!linked?.kintone) throw new Error("the first import linked no customer");

    const { page, errors } = await openPage(
      `/k/${stack.apps.customer.appId}/show?record=${linked.kintone.recordId}`,
    );
    const button = page.getByRole("button", { name: "Front Agentで開く" });
    await expect.poll(() => button.isEnabled()).toBe(true);
    await shot(page, "05-record-button");
    const [opened] = await Promise.all([page.context().waitForEvent("page"), button.click()]);
    await expect.poll(() => opened.url()).toBe(`${pages.url}/front-agent/customers/${linked.id}`);
    const html = await page.content();
    for (const secret of [stack.tenant.connectionKey, stack.apps.customer.token, stack.apps.activity.token]) {
      expect(html).not.toContain(secret);
    }
    expect(errors).toEqual([]);

    // A record no FA customer is linked to says so instead.
    const unlinked = await stack.kintone.addRecords(stack.apps.customer.appId, [
      { 顧客名: { value: "未連携 太郎" } },
    ]);
    const other = await openPage(`/k/${stack.apps.customer.appId}/show?record=${unlinked.ids[0]}`);
    await expect.poll(() => other.page.locator("#record-header-menu").textContent()).toContain("未連携");
    await shot(other.page, "06-record-not-linked");
    expect(other.errors).toEqual([]);
  }, 60_000);
});
