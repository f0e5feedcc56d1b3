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
    // A browser in New York, where the machine (and kintone's UTC) is not: times must be shown in its zone.
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: "ja-JP",
      timezoneId: "America/New_York",
    });
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
    // 対応日時 in the browser's time zone and locale, not the UTC ISO the backend wrote.
    const written = (await (await context.request.get(new URL("/__demo/activities", url).href)).json()) as {
      records: Array<{ id: string; at: string; minutes: string }>;
    };
    const at = written.records[0]?.at ?? "";
    const lines = (written.records[0]?.minutes ?? "").split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(at).toMatch(/Z$/);
    const shown = new Intl.DateTimeFormat("ja-JP", {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone: "America/New_York",
    }).format(new Date(at));
    expect(await row.locator("td").nth(5).textContent()).toBe(shown);
    // The minutes keep their lines.
    // biome-ignore lint/performance/useDomNodeTextContent: the lines as rendered are the point (white-space)
    expect((await row.locator("td").nth(7).innerText()).split("\n")).toEqual(lines);
    await shot(index, "demo-03-event-written");

    // The activity record the backend wrote opens as kintone shows it, from the table and from the status.
    const activityId = written.records[0]?.id ?? "";
    const activityPath = `/k/${/ID: (\d+)/.exec(await value(index, "demo-activity-app"))?.[1]}/show?record=${activityId}`;
    expect(await row.locator("td").nth(0).getByRole("link").getAttribute("href")).toBe(activityPath);
    expect(await index.locator("#demo-export-record").getAttribute("href")).toBe(activityPath);
    const activity = await context.newPage();
    activity.on("pageerror", (error) => errors.push(error.message));
    await activity.goto(new URL(activityPath, url).href);
    await activity.waitForLoadState("networkidle");
    expect(await activity.locator('[data-code="対応日時"] .k-field-value').textContent()).toBe(shown);
    // biome-ignore lint/performance/useDomNodeTextContent: the lines as rendered are the point (white-space)
    const minutes = await activity.locator('[data-code="議事録"] .k-field-value').innerText();
    expect(minutes.split("\n")).toEqual(lines);
    // The plug-in acts in the customer app only.
    expect(await activity.locator("#record-header-menu").innerHTML()).toBe("");
    await shot(activity, "demo-04-activity-record");
    // …and the activity app's list links it too.
    await activity.goto(
      new URL((await index.locator("#demo-open-activity-list").getAttribute("href")) ?? "", url).href,
    );
    expect(
      await activity
        .locator(`#record-list tr[data-record-id="${activityId}"] .k-detail a`)
        .getAttribute("href"),
    ).toBe(activityPath);

    const record = await context.newPage();
    await record.goto(
      new URL((await index.locator("#demo-records a").first().getAttribute("href")) ?? "", url).href,
    );
    const button = record.getByRole("button", { name: "Front Agentで開く" });
    await expect.poll(() => button.isEnabled()).toBe(true);
    await shot(record, "demo-05-record");
    const [frontAgent] = await Promise.all([context.waitForEvent("page"), button.click()]);
    await expect.poll(() => frontAgent.locator("#fa-customer").textContent()).toContain(" / ");
    expect(errors).toEqual([]);
    await context.close();

    demo.kill("SIGINT");
    const [code] = (await once(demo, "exit")) as [number | null];
    expect(code).toBe(0);
  }, 120_000);
});
