import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { launchChromium } from "@front-agent/kintone-plugin/harness/chromium.ts";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const root = join(import.meta.dirname, "../..");
const screenshots = join(import.meta.dirname, "../.screenshots");
let demo: ChildProcess;
let url: string;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  // What `pnpm demo` runs (tsx's loader in one node process, so stopping it stops everything), on a free port.
  demo = spawn(process.execPath, ["--import", "tsx", "demo/src/main.ts", "--port", "0"], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: demo.stdout as NonNullable<typeof demo.stdout> });
  for await (const line of lines) {
    if (line.startsWith("{")) {
      url = (JSON.parse(line) as { demo: string }).demo;
      break;
    }
  }
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (demo && demo.exitCode === null) demo.kill("SIGKILL");
});

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
const value = (page: Page, id: string) =>
  page
    .locator(`#${id}`)
    .textContent()
    .then((t) => t ?? "");

describe("pnpm demo", () => {
  test("configure, import, send an event, see the activity record with its lookup filled, open Front Agent from a record; then stop", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const index = await context.newPage();
    const errors: string[] = [];
    index.on("pageerror", (error) => errors.push(error.message));
    await index.goto(url);
    await shot(index, "demo-01-start");

    const settings = await context.newPage();
    settings.on("pageerror", (error) => errors.push(error.message));
    await settings.goto(
      new URL((await index.locator("#demo-open-settings").getAttribute("href")) ?? "", url).href,
    );
    await settings.getByLabel("バックエンドのURL").fill(await value(index, "demo-backend-url"));
    await settings.getByLabel("接続キー").fill(await value(index, "demo-connection-key"));
    await settings.getByLabel("Front Agent のURL").fill(await value(index, "demo-front-agent-url"));
    const activityAppId = /ID: (\d+)/.exec(await value(index, "demo-activity-app"))?.[1] ?? "";
    await settings.locator("#fa-activityApp-app").selectOption(activityAppId);
    await settings.locator("#fa-customerApp-token").fill(await value(index, "demo-customer-token"));
    await settings.locator("#fa-activityApp-token").fill(await value(index, "demo-activity-token"));
    // ユーザー連携: Front Agent's users, matched to kintone users by e-mail.
    await settings.getByRole("button", { name: /メールアドレスで提案を適用/ }).click();
    await settings.getByRole("button", { name: "保存", exact: true }).click();
    await expect
      .poll(() => settings.locator(".fa-notice-success").textContent(), { timeout: 15_000 })
      .toContain("保存しました");
    const status = settings.locator("section:has(> #fa-status)");
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain("成功");
    await shot(settings, "demo-02-settings-saved");

    await index.locator("#demo-refresh-customers").click();
    await expect.poll(() => index.locator("#demo-customer option").count()).toBeGreaterThan(1);
    const chosen = ((await index.locator("#demo-customer option").first().textContent()) ?? "").split(" / ");
    await index.locator("#demo-send").click();
    await expect
      .poll(() => index.locator("#demo-export-status").textContent(), { timeout: 20_000 })
      .toContain("書き込み済み");
    const row = index.locator("#demo-activities tbody tr").first();
    await expect.poll(() => row.locator("td").nth(2).textContent()).toBe(chosen[0]);
    // The lookup copied 顧客名 and 会社名 from the customer record it points at.
    expect(await row.locator("td").nth(1).textContent()).toMatch(/^\d+$/);
    expect(await row.locator("td").nth(3).textContent()).toBe(chosen[1]);
    expect(await row.locator("td").nth(4).textContent()).toBe("山田 太郎");
    await shot(index, "demo-03-event-written");

    const record = await context.newPage();
    await record.goto(
      new URL((await index.locator("#demo-records a").first().getAttribute("href")) ?? "", url).href,
    );
    const button = record.getByRole("button", { name: "Front Agentで開く" });
    await expect.poll(() => button.isEnabled()).toBe(true);
    await shot(record, "demo-04-record");
    const [frontAgent] = await Promise.all([context.waitForEvent("page"), button.click()]);
    await expect.poll(() => frontAgent.locator("#fa-customer").textContent()).toContain(" / ");
    expect(errors).toEqual([]);
    await context.close();

    demo.kill("SIGINT");
    const [code] = (await once(demo, "exit")) as [number | null];
    expect(code).toBe(0);
  }, 120_000);
});
