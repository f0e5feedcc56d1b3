// @vitest-environment node
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import type { KintonePages } from "../../harness/kintone-pages.ts";
import { customerLinkUrl } from "../../src/backend.ts";
import { emptyDraft, pluginConfig, settingsBody } from "../../src/config/draft.ts";
import {
  type BrowserStack,
  guideImageDir,
  linkedCustomer,
  type Stack,
  screenshotDir,
  startBrowserStack,
} from "./stack.ts";

let running: BrowserStack;
let stack: Stack;
let pages: KintonePages;
let browser: Browser;

/** An iPhone-sized phone: what kintone mobile's pages are opened on. */
const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  userAgent:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
  locale: "ja-JP",
  timezoneId: "Asia/Tokyo",
};

const asAdministrator = (path: string, init: RequestInit = {}) =>
  fetch(`${stack.backend.url}${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${stack.tenant.connectionKey}`,
      "content-type": "application/json",
      ...init.headers,
    },
  });

/**
 * What the config screen's save does (plugin.browser.test.ts drives it), done directly: the settings to the
 * backend, then its record key into kintone's proxy config and the non-secret rest into the plug-in config.
 */
async function saveSettings() {
  const { customer, activity } = stack.apps;
  const draft = emptyDraft(customer.appId);
  draft.backendUrl = stack.backend.url;
  draft.frontAgentBaseUrl = `${pages.url}/front-agent`;
  draft.customerApp.apiToken = customer.token;
  draft.activityApp.appId = activity.appId;
  draft.activityApp.apiToken = activity.token;
  const answer = await asAdministrator("/v1/kintone/settings", {
    method: "PUT",
    body: JSON.stringify(settingsBody(draft, pages.url)),
  });
  if (answer.status !== 200) throw new Error(`settings not saved: ${await answer.text()}`);
  const { recordKey } = (await answer.json()) as { recordKey: string };
  pages.proxyConfig.set(`GET ${customerLinkUrl(stack.backend.url)}`, {
    Authorization: `Bearer ${recordKey}`,
  });
  Object.assign(pages.config, pluginConfig(draft));
}

async function firstImportDone() {
  await vi.waitFor(
    async () => {
      const status = (await (await asAdministrator("/v1/kintone/status")).json()) as {
        runs: Array<{ status: string }>;
      };
      if (status.runs[0]?.status !== "succeeded") throw new Error(`first import: ${status.runs[0]?.status}`);
    },
    { timeout: 30_000, interval: 250 },
  );
}

beforeAll(async () => {
  running = await startBrowserStack({ pluginId: "mobiletestplugin" });
  ({ stack, pages, browser } = running);
  await saveSettings();
  await firstImportDone();
}, 120_000);

afterAll(() => running?.close());

/** A page in its own context (a phone unless said), failing the test on any script error. */
async function open(path: string, device: Parameters<Browser["newContext"]>[0] = PHONE) {
  const context: BrowserContext = await browser.newContext(device);
  const page: Page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${pages.url}${path}`);
  return { context, page, errors };
}

/** An activity record as the backend writes them: a meeting time (UTC) and minutes over several lines. */
async function activityRecord() {
  const { ids } = await stack.kintone.addRecords(stack.apps.activity.appId, [
    {
      件名: { value: "定例MTG" },
      対応日時: { value: "2025-04-01T01:30:00Z" },
      議事録: { value: "・課題: 記録が散らばっている\n・提案: 議事録を自動で登録\n・次回: 見積もり" },
    },
  ]);
  return ids[0] ?? "";
}

describe("kintone mobile, at a phone's size", () => {
  test("a linked customer's record has a touch-sized 「Front Agentで開く」 that opens its Front Agent page", async () => {
    const linked = await linkedCustomer(stack);

    const { context, page, errors } = await open(
      `/k/m/${stack.apps.customer.appId}/show?record=${linked.recordId}`,
    );
    const button = page.getByRole("button", { name: "Front Agentで開く" });
    await expect.poll(() => button.isEnabled()).toBe(true);
    // In the header space, the width of the phone, and big enough for a thumb (44 px and more).
    expect(await page.locator("#mobile-header-space .fa-open-button").count()).toBe(1);
    const box = await button.boundingBox();
    expect(box?.height).toBeGreaterThanOrEqual(44);
    expect(box?.width).toBeGreaterThan(300);
    await page.screenshot({ path: join(guideImageDir, "record-mobile.png") });

    const [opened] = await Promise.all([context.waitForEvent("page"), button.tap()]);
    await expect.poll(() => opened.url()).toBe(`${pages.url}/front-agent/customers/${linked.id}`);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  test("a record no Front Agent customer is linked to says 未連携", async () => {
    const { ids } = await stack.kintone.addRecords(stack.apps.customer.appId, [
      { 顧客名: { value: "未連携 花子" } },
    ]);
    const { context, page, errors } = await open(`/k/m/${stack.apps.customer.appId}/show?record=${ids[0]}`);
    await expect.poll(() => page.locator("#mobile-header-space").textContent()).toBe("未連携");
    expect(await page.getByRole("button", { name: "Front Agentで開く" }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  test("an activity record shows nothing of the plug-in; its minutes keep their lines, its time is the user's", async () => {
    const id = await activityRecord();
    const before = pages.proxied.length;
    const { context, page, errors } = await open(`/k/m/${stack.apps.activity.appId}/show?record=${id}`);
    await page.waitForLoadState("networkidle");
    expect(await page.locator("#mobile-header-space").innerHTML()).toBe("");
    expect(await page.locator(".fa-open").count()).toBe(0);
    expect(pages.proxied.length).toBe(before);

    const minutes = page.locator('[data-code="議事録"] .k-field-value');
    // biome-ignore lint/performance/useDomNodeTextContent: the lines as rendered are the point (white-space)
    expect(await minutes.innerText()).toBe(
      "・課題: 記録が散らばっている\n・提案: 議事録を自動で登録\n・次回: 見積もり",
    );
    // 01:30 UTC is 10:30 in Tokyo, shown in the ja-JP format as kintone shows a DATETIME.
    expect(await page.locator('[data-code="対応日時"] .k-field-value').textContent()).toBe(
      "2025/04/01 10:30",
    );
    await page.screenshot({ path: join(screenshotDir, "record-mobile-activity.png"), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});

describe("the desktop pages around it", () => {
  test("the activity app's list links each record to its page, where the plug-in shows nothing", async () => {
    const id = await activityRecord();
    const desktop = {
      viewport: { width: 1280, height: 900 },
      locale: "ja-JP",
      timezoneId: "America/New_York",
    };
    const { context, page, errors } = await open(`/k/${stack.apps.activity.appId}/`, desktop);
    const row = page.locator(`#record-list tr[data-record-id="${id}"]`);
    // In New York the same instant is the evening before.
    expect(await row.locator(".k-cell-datetime").textContent()).toBe("2025/03/31 21:30");
    await page.screenshot({ path: join(screenshotDir, "list-activity.png"), fullPage: true });
    await row.getByRole("link", { name: `レコード ${id} の詳細` }).click();
    await page.waitForURL(`**/k/${stack.apps.activity.appId}/show?record=${id}`);
    await page.waitForLoadState("networkidle");
    expect(await page.locator('[data-code="件名"] .k-field-value').textContent()).toBe("定例MTG");
    expect(await page.locator("#record-header-menu").innerHTML()).toBe("");
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
