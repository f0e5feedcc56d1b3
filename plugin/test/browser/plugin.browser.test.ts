// @vitest-environment node
import { join } from "node:path";
import { signAssistBody } from "@front-agent/shared/node";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { KintonePages } from "../../harness/kintone-pages.ts";
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

beforeAll(async () => {
  running = await startBrowserStack({
    pluginId: "testpluginid",
    css: { config: ["css/config.css"], desktop: ["css/desktop.css"] },
  });
  ({ stack, pages, browser } = running);
}, 120_000);

afterAll(() => running?.close());

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });

/** One part of a screen, for the guides in docs/ (a section reads better than a 5,000-px page). */
const part = (locator: Locator, name: string) =>
  locator.screenshot({ path: join(guideImageDir, `${name}.png`) });

/** The rectangle around several parts of the visible page (a notice and the buttons under it). */
async function around(page: Page, name: string, locators: Locator[], margin = 8) {
  await locators[0]?.scrollIntoViewIfNeeded();
  const boxes = await Promise.all(locators.map((l) => l.boundingBox()));
  const found = boxes.filter((b) => b !== null);
  const x = Math.max(0, Math.min(...found.map((b) => b.x)) - margin);
  const y = Math.max(0, Math.min(...found.map((b) => b.y)) - margin);
  const right = Math.max(...found.map((b) => b.x + b.width)) + margin;
  const bottom = Math.max(...found.map((b) => b.y + b.height)) + margin;
  await page.screenshot({
    path: join(guideImageDir, `${name}.png`),
    clip: { x, y, width: right - x, height: bottom - y },
  });
}

/** Front Agent registers its users with the backend; two share an e-mail with a kintone user. */
async function registerFrontAgentUsers() {
  const users = [
    ["u-yamada", "山田 太郎", "yamada@example.co.jp"],
    ["u-sato", "佐藤 花子", "sato@example.co.jp"],
    ["u-arai", "新井 次郎", "arai@front-agent.example.com"],
  ];
  for (const [id, name, email] of users) {
    const answer = await fetch(`${stack.backend.url}/v1/users/${id}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${stack.tenant.serviceToken}`, "content-type": "application/json" },
      body: JSON.stringify({ name, email }),
    });
    if (!answer.ok) throw new Error(`user ${id} not registered: ${await answer.text()}`);
  }
}

/** Front Agent sends an assist event, signed as it signs them (API.md), for one customer. */
async function sendAssistEvent(
  eventId: string,
  customer: { id: string | null; name: string; company: string },
) {
  const body = JSON.stringify({
    eventId,
    occurredAt: "2026-12-01T01:30:00Z",
    user: { id: "u-yamada", name: "山田 太郎", email: "yamada@example.co.jp" },
    customer,
    meeting: {
      title: `${customer.company} 定例`,
      startedAt: "2026-12-01T01:00:00Z",
      endedAt: "2026-12-01T01:30:00Z",
      url: `https://front-agent.example.com/meetings/${eventId}`,
    },
    minutes: { summary: "次回までに見積もりを送る。", body: "1. 予算の確認\n2. 導入時期\n3. 次回の日程" },
  });
  const answer = await fetch(`${stack.backend.url}/v1/events/assist`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${stack.tenant.serviceToken}`,
      "content-type": "application/json",
      "x-fa-signature": signAssistBody(stack.tenant.webhookSecret, body, Math.floor(Date.now() / 1000)),
    },
    body,
  });
  if (answer.status !== 202) throw new Error(`event not accepted: ${await answer.text()}`);
  return ((await answer.json()) as { exportId: string }).exportId;
}

/** What Front Agent's API says of an export (service token): how the test waits for the writer. */
async function exportStatus(exportId: string) {
  const answer = await fetch(`${stack.backend.url}/v1/exports/${exportId}`, {
    headers: { authorization: `Bearer ${stack.tenant.serviceToken}` },
  });
  return ((await answer.json()) as { status: string; kintoneRecordId?: string }).status;
}

/** kintone's REST API with an API token (what an administrator does in kintone itself). */
async function kintoneRest(path: string, method: string, token: string, body?: unknown) {
  const answer = await fetch(`${stack.emulator.url}${path}`, {
    method,
    headers: { "x-cybozu-api-token": token, ...(body ? { "content-type": "application/json" } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!answer.ok) throw new Error(`kintone ${method} ${path}: ${answer.status} ${await answer.text()}`);
  return answer.json() as Promise<Record<string, unknown>>;
}

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
    await registerFrontAgentUsers();
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
    await part(page.locator("section:has(> #fa-connection)"), "admin-connection");

    await page.locator("#fa-activityApp-app").selectOption(activity.appId);
    await page.locator("#fa-customerApp-token").fill(weakToken);
    await page.locator("#fa-activityApp-token").fill(activity.token);
    // The template's fields are offered and pre-selected once the activity app's form is read.
    await expect
      .poll(() => page.locator("#fa-activityApp-customerLookup").inputValue())
      .toBe("顧客レコード番号");
    await shot(page, "02-apps-and-fields");
    await part(page.locator("fieldset.fa-app").nth(0), "admin-customer-app");
    await part(page.locator("fieldset.fa-app").nth(1), "admin-activity-app");

    // 設定を確認: the backend probes the tokens and finds アプリ管理 missing; its fix shows under the token.
    await page.getByRole("button", { name: "設定を確認" }).click();
    await expect
      .poll(() => page.locator(".fa-notice-error").textContent())
      .toContain("件の問題が見つかりました");
    const tokenProblem = page.locator("#fa-customerApp-token-checks");
    await expect.poll(() => tokenProblem.textContent()).toContain("アプリ管理");
    await expect.poll(() => tokenProblem.textContent()).toContain("アプリを更新");
    await shot(page, "03-missing-permission");
    await part(
      page.locator(".kintoneplugin-row", { has: page.locator("#fa-customerApp-token") }),
      "admin-token-check",
    );
    await part(page.locator("section.fa-checks-panel"), "admin-checks-panel");
    // Saving with it is refused by the backend, and nothing is stored in kintone.
    await page.getByRole("button", { name: "保存", exact: true }).click();
    await expect
      .poll(() => page.locator(".fa-notice-error").textContent())
      .toContain("バックエンドが設定を受け付けませんでした");
    expect(pages.config).toEqual({});
    expect(pages.proxyConfig.size).toBe(0);

    await page.locator("#fa-customerApp-token").fill(customer.token);

    // ユーザー連携: the e-mail suggestions applied with one button; the third user stays for a hand pick.
    const users = page.locator("section:has(> #fa-users)");
    await users.getByRole("button", { name: /メールアドレスで提案を適用/ }).click();
    await expect.poll(() => users.locator(".fa-users-summary").textContent()).toBe("2 人 / 3 人を連携済み");
    await part(users, "admin-users");
    // オプション: the first import's preview, counted in the customer app.
    const options = page.locator("section:has(> #fa-options)");
    await options.getByRole("button", { name: "取り込み件数を確認" }).click();
    await expect.poll(() => options.locator(".fa-preview").first().textContent()).toContain("取り込みます");
    // The backend's dry run: the same records and rules as the first import, nothing written.
    await options.getByRole("button", { name: "取り込みを試算" }).click();
    await expect
      .poll(() => options.locator(".fa-preview").nth(1).textContent(), { timeout: 15_000 })
      .toMatch(/最初の取り込みは \d+ 件を読み、新しい顧客 \d+ 件/);
    await part(options, "admin-options");

    await page.getByRole("button", { name: "保存", exact: true }).click();
    await expect
      .poll(() => page.locator(".fa-notice-success").textContent(), { timeout: 15_000 })
      .toContain("保存しました");
    const status = page.locator("section:has(> #fa-status)");
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toContain("成功");
    await expect.poll(() => status.textContent()).toMatch(/連携済みの顧客: [1-9]\d* 件/);
    await shot(page, "04-saved-and-imported");
    await part(status, "admin-status");
    await part(page.locator("section.fa-checks-panel"), "admin-checks-after-save");
    await part(page.locator("section:has(> #fa-transfer)"), "admin-transfer");
    await around(page, "admin-saved", [page.locator(".fa-notice"), page.locator(".fa-actions")]);

    // kintone keeps the non-secret settings in the plug-in config, and in the proxy config only the record
    // key, for the record button's GET; the entries at /v1/ are empty (older versions kept the key there).
    expect(pages.config.backendUrl).toBe(stack.backend.url);
    const stored = JSON.stringify(pages.config);
    for (const secret of [stack.tenant.connectionKey, customer.token, activity.token])
      expect(stored).not.toContain(secret);
    expect(Object.fromEntries(pages.proxyConfig)).toEqual({
      [`GET ${stack.backend.url}/v1/kintone/customer-link`]: {
        Authorization: expect.stringMatching(/^Bearer fa_rk_[\w-]{40,}$/),
      },
      ...Object.fromEntries(
        ["GET", "POST", "PUT", "DELETE"].map((m) => [`${m} ${stack.backend.url}/v1/`, {}]),
      ),
    });
    expect(JSON.stringify([...pages.proxyConfig])).not.toContain(stack.tenant.connectionKey);
    // The typed key stays on the page (in memory) while the administrator works on.
    expect(await page.getByLabel("接続キー").inputValue()).toBe(stack.tenant.connectionKey);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  test("reopened, the screen asks for the key and loads nothing until it is typed; then the saved settings", async () => {
    const before = pages.proxied.length;
    const { page, errors } = await openPage(`/k/admin/app/${stack.apps.customer.appId}/plugin/config`);
    const keyState = page.locator(".fa-key-state");
    await expect
      .poll(() => keyState.textContent())
      .toBe("保存済みの設定を読み込むには、接続キーを入力してください。");
    expect(await page.getByLabel("バックエンドのURL").inputValue()).toBe(stack.backend.url);
    expect(await page.getByLabel("接続キー").inputValue()).toBe("");
    const status = page.locator("section:has(> #fa-status)");
    expect(await status.textContent()).toContain("接続キーを入力すると、同期の状況が表示されます");
    await part(page.locator("section:has(> #fa-connection)"), "admin-connection-key-needed");
    await page.waitForTimeout(1000);
    expect(pages.proxied.length).toBe(before);

    // Another tenant's key (or a typo) is refused and loads nothing.
    await page.getByLabel("接続キー").fill("fa_ck_not-this-tenants-key");
    await expect.poll(() => keyState.textContent()).toContain("接続キーが受け付けられませんでした");
    expect(await status.textContent()).toContain("接続キーを入力すると");

    await page.getByLabel("接続キー").fill(stack.tenant.connectionKey);
    await expect.poll(() => keyState.textContent()).toBe("保存済みの設定を読み込みました。");
    expect(await page.locator("#fa-customerApp-token").getAttribute("placeholder")).toBe(
      "設定済み（変更するときだけ入力）",
    );
    const users = page.locator("section:has(> #fa-users)");
    await expect.poll(() => users.locator(".fa-users-summary").textContent()).toBe("2 人 / 3 人を連携済み");
    await expect.poll(() => status.textContent()).toMatch(/連携済みの顧客: [1-9]\d* 件/);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  test("on a linked customer's record the button opens its Front Agent page; an end user's page holds no secret", async () => {
    const linked = await linkedCustomer(stack);

    const { page, errors } = await openPage(`/k/${stack.apps.customer.appId}/show?record=${linked.recordId}`);
    const button = page.getByRole("button", { name: "Front Agentで開く" });
    await expect.poll(() => button.isEnabled()).toBe(true);
    await shot(page, "05-record-button");
    await around(page, "record-button", [button, page.locator("#record .record-fields")], 2);
    const [opened] = await Promise.all([page.context().waitForEvent("page"), button.click()]);
    await expect.poll(() => opened.url()).toBe(`${pages.url}/front-agent/customers/${linked.id}`);
    const recordKey =
      pages.proxyConfig.get(`GET ${stack.backend.url}/v1/kintone/customer-link`)?.Authorization ?? "";
    expect(recordKey).toMatch(/^Bearer fa_rk_/);
    const html = await page.content();
    for (const secret of [
      stack.tenant.connectionKey,
      recordKey.slice("Bearer ".length),
      stack.apps.customer.token,
      stack.apps.activity.token,
    ]) {
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
    await around(
      other.page,
      "record-not-linked",
      [other.page.locator("#record-header-menu > *"), other.page.locator("#record .record-fields")],
      2,
    );
    expect(other.errors).toEqual([]);
  }, 60_000);

  test("from a record page's console, the proxy changes no setting and starts no sync (issue 12 #3)", async () => {
    const asAdministrator = (path: string) =>
      fetch(`${stack.backend.url}${path}`, {
        headers: { authorization: `Bearer ${stack.tenant.connectionKey}` },
      }).then((r) => r.json());
    const settingsBefore = await asAdministrator("/v1/kintone/settings");
    const runsBefore = ((await asAdministrator("/v1/kintone/status")) as { runs: unknown[] }).runs.length;

    const { page } = await openPage(`/k/${stack.apps.customer.appId}/show?record=1`);
    await expect.poll(() => page.locator("#record-header-menu").textContent()).not.toBe("");
    // What anyone who can open a record can type into the browser's console.
    const call = (path: string, method: "GET" | "POST" | "PUT", body: unknown) =>
      page.evaluate(
        async ([pluginId, url, m, data]) => {
          const [text, status] = await kintone.plugin.app.proxy(pluginId, url, m, {}, data);
          return {
            status: status as number,
            body: JSON.parse(text as string) as { error?: { code: string } },
          };
        },
        ["testpluginid", `${stack.backend.url}${path}`, method, body] as const,
      );
    const attacker = { ...settingsBefore, frontAgent: { baseUrl: "https://attacker.example.com" } };
    for (const [path, method, body] of [
      ["/v1/kintone/settings", "PUT", attacker],
      ["/v1/kintone/sync", "POST", { mode: "full" }],
      ["/v1/kintone/settings", "GET", {}],
      ["/v1/users", "GET", {}],
    ] as const) {
      const answer = await call(path, method, body);
      expect({ path, method, ...answer }).toMatchObject({
        path,
        method,
        status: 401,
        body: { error: { code: "UNAUTHORIZED" } },
      });
    }
    expect(await asAdministrator("/v1/kintone/settings")).toEqual(settingsBefore);
    expect(((await asAdministrator("/v1/kintone/status")) as { runs: unknown[] }).runs).toHaveLength(
      runsBefore,
    );
    // The record button's own call still works: kintone adds the record key to it.
    expect([200, 404]).toContain((await call("/v1/kintone/customer-link?recordId=1", "GET", {})).status);
    await page.close();
  }, 60_000);
  test("the administrator fixes from kintone what could not be written: links a 要確認 meeting, sends a refused one again, runs 全件同期 and sees a deleted record unlinked (issue 15)", async () => {
    const { customer, activity } = stack.apps;
    // 要確認: the customer app holds the meeting's customer under two spellings.
    const doubles = await stack.kintone.addRecords(customer.appId, [
      { 顧客名: { value: "重複 一郎" }, 会社名: { value: "重複商事" } },
      { 顧客名: { value: "重複一郎" }, 会社名: { value: "(株)重複商事" } },
    ]);
    const chosen = doubles.ids[1] ?? "";
    const inReview = await sendAssistEvent("evt-review-1", {
      id: null,
      name: "重複 一郎",
      company: "重複商事",
    });
    await expect.poll(() => exportStatus(inReview), { timeout: 15_000 }).toBe("needs_review");

    // A refusal: the activity app gained a required field the integration does not fill.
    const form = await kintoneRest(`/k/v1/app/form/fields.json?app=${activity.appId}`, "GET", activity.token);
    const fields = form.properties as Record<string, unknown>;
    await stack.kintone.setForm(activity.appId, {
      ...fields,
      確認者: { type: "SINGLE_LINE_TEXT", code: "確認者", label: "確認者", required: true },
    } as never);
    const refused = await sendAssistEvent("evt-refused-1", {
      id: null,
      name: "再送 花子",
      company: "再送物産",
    });
    await expect.poll(() => exportStatus(refused), { timeout: 15_000 }).toBe("failed");

    const { page, errors } = await openPage(`/k/admin/app/${customer.appId}/plugin/config`);
    await page.getByLabel("接続キー").fill(stack.tenant.connectionKey);
    const exports = page.locator("section:has(> #fa-exports)");
    const row = (exportId: string) => exports.locator(`tr.fa-export[data-export-id="${exportId}"]`);
    await expect.poll(() => row(inReview).textContent(), { timeout: 15_000 }).toContain("要確認");
    // Each row says what happened and what the administrator can do about it, in their words.
    expect(await row(refused).textContent()).toContain("確認者");
    await part(exports, "admin-exports");
    // The administrator fixes the activity app (the required field goes), then acts on the rows.
    await stack.kintone.setForm(activity.appId, fields as never);

    // 要確認: the candidates are both records; the administrator links the second one.
    await row(inReview).getByRole("button", { name: "候補を表示" }).click();
    const candidates = exports.locator("tr.fa-export-candidates");
    await expect.poll(() => candidates.locator("tbody tr").count()).toBe(2);
    const pick = candidates.locator("tbody tr", {
      has: page.locator(`a[href$="/show#record=${chosen}"]`),
    });
    await part(exports.locator("table.fa-exports"), "admin-review");
    await pick.getByRole("button", { name: "この顧客に連携" }).click();
    await expect.poll(() => exports.textContent()).toContain("連携しました");
    await expect.poll(() => exportStatus(inReview), { timeout: 15_000 }).toBe("written");

    // 再送 now that the activity app is fixed: written once.
    await row(refused).getByRole("button", { name: "再送" }).click();
    await expect.poll(() => exports.textContent()).toContain("再送しました");
    await expect.poll(() => exportStatus(refused), { timeout: 15_000 }).toBe("written");
    await exports.getByRole("button", { name: "更新" }).click();
    await expect.poll(() => row(inReview).textContent()).toContain("書き込み済み");
    await expect.poll(() => row(refused).textContent()).toContain("書き込み済み");
    // The written rows link their activity records; the linked one went to the record the administrator chose.
    const written = await kintoneRest(
      `/k/v1/records.json?app=${activity.appId}&query=${encodeURIComponent("order by $id desc limit 5")}`,
      "GET",
      activity.token,
    );
    const records = written.records as Array<Record<string, { value: string }>>;
    const reviewed = records.find(
      (r) => r.議事録?.value.includes("予算の確認") && r.件名?.value === "重複商事 定例",
    );
    expect(reviewed?.顧客レコード番号?.value).toBe(chosen);
    expect(records.filter((r) => r.件名?.value === "再送物産 定例")).toHaveLength(1);
    expect(await row(inReview).locator(`a[href$="/show#record=${reviewed?.$id?.value}"]`).count()).toBe(1);

    // 全件同期: a record deleted in kintone, and one with neither name nor company.
    const victim = await linkedCustomer(stack, chosen);
    const deleter = await stack.kintone.createToken(customer.appId, { view: true, delete: true });
    await kintoneRest(
      `/k/v1/records.json?app=${customer.appId}&ids[0]=${victim.recordId}`,
      "DELETE",
      deleter,
    );
    const nameless = await stack.kintone.addRecords(customer.appId, [
      { 顧客名: { value: "" }, 会社名: { value: "" } },
    ]);

    const status = page.locator("section:has(> #fa-status)");
    await status.getByRole("button", { name: "全件同期", exact: true }).click();
    await status.getByRole("button", { name: "全件同期を始める" }).click();
    const fullRun = status.locator("tr.fa-run", { hasText: "全件" }).first();
    await expect.poll(() => fullRun.textContent(), { timeout: 30_000 }).toContain("成功");
    // The run says it unlinked one customer, and why each record it did not take was skipped.
    expect(await fullRun.locator("td.fa-run-unlinked").textContent()).toBe("1");
    await fullRun.getByRole("button", { name: "理由を表示" }).click();
    const reasons = status.locator("tr.fa-run-issues");
    await expect
      .poll(() => reasons.locator(`a[href$="/show#record=${nameless.ids[0]}"]`).count(), { timeout: 10_000 })
      .toBe(1);
    expect(await reasons.textContent()).toContain("顧客名と会社名");
    await part(status, "admin-run-issues");
    const after = (await fetch(`${stack.backend.url}/v1/customers/${victim.id}`, {
      headers: { authorization: `Bearer ${stack.tenant.serviceToken}` },
    }).then((r) => r.json())) as { kintone: unknown; unlinked: { reason: string } | null };
    expect(after).toMatchObject({ kintone: null, unlinked: { reason: "deleted_in_kintone" } });
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
