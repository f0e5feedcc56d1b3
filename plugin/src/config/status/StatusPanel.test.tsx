import { cleanup, fireEvent, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, test } from "vitest";
import { backendRoutes, CONNECTION_KEY, renderSection } from "../../../test/config/section-harness.tsx";
import { fakeKintone, json } from "../../../test/fake-kintone.ts";
import type { Run, Status } from "../../backend.ts";
import type { SectionProps } from "../section-props.ts";
import { StatusPanel } from "./StatusPanel.tsx";

afterEach(cleanup);

/** A short poll keeps the tests fast; the real panel polls every POLL_MS. */
const FastPanel = (props: SectionProps) => <StatusPanel {...props} pollMs={10} />;

const run = (overrides: Partial<Run>): Run => ({
  id: "r-1",
  kind: "initial",
  status: "succeeded",
  startedAt: "2026-11-24T00:00:00Z",
  finishedAt: "2026-11-24T00:05:00Z",
  read: 0,
  created: 0,
  updated: 0,
  skipped: 0,
  failed: 0,
  ...overrides,
});

const status = (runs: Run[], overrides: Partial<Status> = {}): Status => ({
  runs,
  nextSyncAt: "2026-11-25T00:05:00Z",
  customers: { linked: 1200, total: 1250 },
  exports: { written: 40, skipped: 2, failed: 1, queued: 3, needsReview: 4 },
  kintoneRequests: { dailyLimit: 10_000, today: { "14": 1234, "15": 56 } },
  ...overrides,
});

const jaTime = (iso: string) =>
  new Date(iso).toLocaleString("ja-JP", { dateStyle: "medium", timeStyle: "short" });
const tokyoTime = (iso: string) =>
  new Date(iso).toLocaleString("ja-JP", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Tokyo" });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const statusCalls = (kintone: ReturnType<typeof fakeKintone>) =>
  kintone.proxyCalls.filter((c) => c.url.endsWith("/v1/kintone/status")).length;

/** kintone whose proxy reaches a backend answering GET kintone/status with `answer`, and `more` routes. */
const statusBackend = (
  answer: Status | (() => Status | undefined),
  more: Parameters<typeof backendRoutes>[0] = {},
  language: "ja" | "en" = "ja",
) =>
  fakeKintone({
    language,
    proxy: backendRoutes({
      "GET kintone/status": () => json(200, typeof answer === "function" ? answer() : answer),
      ...more,
    }),
  });

/** A button once it can be pressed (the panel waits for the status first). */
async function enabledButton(name: string) {
  const button = (await screen.findByRole("button", { name })) as HTMLButtonElement;
  await waitFor(() => expect(button.disabled).toBe(false));
  return button;
}

/** The sync the panel posted, with the typed connection key: kintone holds no key that could start one. */
const syncPosted = (kintone: ReturnType<typeof fakeKintone>, mode: "incremental" | "full") =>
  expect(kintone.proxyCalls.find((c) => c.method === "POST")).toMatchObject({
    url: "https://fa.example.com/v1/kintone/sync",
    headers: { Authorization: `Bearer ${CONNECTION_KEY}` },
    body: { mode },
  });

describe("StatusPanel (API.md GET /v1/kintone/status)", () => {
  test("shows the runs, the linked customers, the exports and the next sync", async () => {
    const kintone = statusBackend(
      status([
        run({
          id: "r-2",
          kind: "incremental",
          status: "failed",
          startedAt: "2026-11-24T12:00:00Z",
          finishedAt: "2026-11-24T12:01:00Z",
          read: 10,
          failed: 10,
          error: "KINTONE_PERMISSION_DENIED",
        }),
        run({ id: "r-1", read: 3000, created: 2990, updated: 0, skipped: 10 }),
      ]),
    );
    renderSection(StatusPanel, kintone);
    await screen.findByRole("table");
    expect(screen.getByText("連携済みの顧客: 1,200 件 / 1,250 件")).toBeTruthy();
    expect(
      screen.getByText(
        "議事録の書き込み: 書き込み済み 40 件・要確認 4 件・未書き込み 3 件・スキップ 2 件・失敗 1 件",
      ),
    ).toBeTruthy();
    expect(screen.getByText(`次回の同期: ${jaTime("2026-11-25T00:05:00Z")}`)).toBeTruthy();
    expect(
      screen.getByText(
        "今日の kintone API リクエスト（この連携の分）: アプリ 14 は 1,234 件、アプリ 15 は 56 件。1日の上限 10,000 件のうち 8,000 件に達すると、残りは翌日に回します。",
      ),
    ).toBeTruthy();
    const rows = screen.getAllByRole("row").map((row) => [...row.children].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ["種類", "状態", "開始", "終了", "読み込み", "新規", "更新", "スキップ", "失敗", "連携解除", "エラー"],
      [
        "差分同期",
        "失敗",
        jaTime("2026-11-24T12:00:00Z"),
        jaTime("2026-11-24T12:01:00Z"),
        "10",
        "0",
        "0",
        "0",
        "10",
        "—",
        "API トークンの権限が足りません（レコード閲覧・追加・編集・アプリ管理）。理由を表示",
      ],
      [
        "最初の取り込み",
        "成功",
        jaTime("2026-11-24T00:00:00Z"),
        jaTime("2026-11-24T00:05:00Z"),
        "3,000",
        "2,990",
        "0",
        "10",
        "0",
        "—",
        "理由を表示",
      ],
    ]);
  });

  test("a full run says how many customers it unlinked because their record was deleted (SPEC I11)", async () => {
    const kintone = statusBackend(
      status([run({ id: "f-1", kind: "full", read: 120, updated: 118, unlinked: 2 })]),
    );
    renderSection(StatusPanel, kintone);
    await screen.findByRole("table");
    const cells = [...(document.querySelector("tr.fa-run")?.children ?? [])].map((c) => c.textContent);
    expect(cells.slice(0, 2)).toEqual(["全件同期", "成功"]);
    expect(document.querySelector("td.fa-run-unlinked")?.textContent).toBe("2");
  });

  test("a run error the screen has no words for is the backend's sentence; deferred exports are explained", async () => {
    const kintone = statusBackend(
      status(
        [
          run({
            status: "failed",
            error: "IMPORT_INTERRUPTED",
            message: "取り込みが途中で止まりました。もう一度同期してください。",
          }),
        ],
        { exports: { written: 1, skipped: 0, failed: 0, queued: 3, needsReview: 0, deferred: 2 } },
      ),
    );
    renderSection(StatusPanel, kintone);
    expect(await screen.findByText("取り込みが途中で止まりました。もう一度同期してください。")).toBeTruthy();
    expect(
      screen.getByText(/未書き込みのうち 2 件は、kintone の1日のリクエスト数の上限に近いため/),
    ).toBeTruthy();
  });

  test("in English, with no run yet and no sync planned", async () => {
    const kintone = statusBackend(
      status([], { nextSyncAt: null, exports: { written: 0, skipped: 0, failed: 0, queued: 0 } }),
      {},
      "en",
    );
    renderSection(StatusPanel, kintone);
    expect(await screen.findByText("No import has run yet.")).toBeTruthy();
    expect(screen.getByText("Next sync: not scheduled (starts once the settings are saved)")).toBeTruthy();
    expect(
      screen.getByText("Minutes: 0 written, 0 need review, 0 not written yet, 0 skipped, 0 failed"),
    ).toBeTruthy();
  });

  test("今すぐ同期 posts an incremental sync, polls while it runs and stops when it is done", async () => {
    const answers = [
      status([run({})]),
      status([run({ id: "r-2", kind: "incremental", status: "running", finishedAt: null }), run({})]),
      status([
        run({ id: "r-2", kind: "incremental", status: "running", finishedAt: null, read: 50 }),
        run({}),
      ]),
      status([run({ id: "r-2", kind: "incremental", status: "succeeded", read: 80, updated: 80 }), run({})]),
    ];
    const kintone = statusBackend(() => (answers.length > 1 ? answers.shift() : answers[0]), {
      "POST kintone/sync": () => json(202, { runId: "r-2" }),
    });
    renderSection(FastPanel, kintone);
    const syncNow = await enabledButton("今すぐ同期");
    fireEvent.click(syncNow);

    await screen.findByText("同期を開始しました。");
    syncPosted(kintone, "incremental");
    await waitFor(() => expect(screen.getByText("80", { selector: "td:nth-child(5)" })).toBeTruthy());
    expect(screen.getAllByText("成功")).toHaveLength(2);
    // Running → running → succeeded: read until none runs, then no more.
    const reads = statusCalls(kintone);
    expect(reads).toBe(4);
    await sleep(80);
    expect(statusCalls(kintone)).toBe(reads);
    expect(syncNow.disabled).toBe(false);
  });

  test("while a run is running, 今すぐ同期 waits; leaving the page stops the polling", async () => {
    const kintone = statusBackend(status([run({ status: "running", finishedAt: null })]));
    const view = renderSection(FastPanel, kintone);
    await screen.findByText("実行中");
    expect((screen.getByRole("button", { name: "今すぐ同期" }) as HTMLButtonElement).disabled).toBe(true);
    await waitFor(() => expect(statusCalls(kintone)).toBeGreaterThanOrEqual(3));
    view.unmount();
    const reads = statusCalls(kintone);
    await sleep(80);
    expect(statusCalls(kintone)).toBe(reads);
  });

  test("a sync the backend refuses is said so", async () => {
    const kintone = statusBackend(status([]), {
      "POST kintone/sync": () =>
        json(409, { error: { code: "IMPORT_ALREADY_RUNNING", message: "取り込みを実行中です。" } }),
    });
    renderSection(StatusPanel, kintone);
    const syncNow = await enabledButton("今すぐ同期");
    fireEvent.click(syncNow);
    expect((await screen.findByRole("alert")).textContent).toBe(
      "同期を開始できませんでした: 取り込みを実行中です。",
    );
  });

  test("an unreachable backend is said so; 状況を更新 tries again", async () => {
    let up = false;
    const kintone = fakeKintone({
      proxy: (call) =>
        up
          ? backendRoutes({ "GET kintone/status": () => json(200, status([])) })(call)
          : { status: 503, body: "DNS Cache Missing" },
    });
    renderSection(StatusPanel, kintone);
    expect((await screen.findByRole("alert")).textContent).toBe(
      "同期の状況を読み込めませんでした: バックエンドに接続できません（HTTP 503）。URLと、バックエンドがインターネットから届くことを確認してください。",
    );
    expect(screen.queryByText("同期の状況を読み込んでいます…")).toBeNull();
    expect((screen.getByRole("button", { name: "今すぐ同期" }) as HTMLButtonElement).disabled).toBe(true);
    up = true;
    fireEvent.click(screen.getByRole("button", { name: "状況を更新" }));
    expect(await screen.findByText("まだ取り込みは実行されていません。")).toBeTruthy();
  });

  test("理由を表示 reads why each record was skipped or failed, each linked to its customer record", async () => {
    const kintone = statusBackend(
      status([
        run({ id: "r-2", kind: "incremental", read: 5, updated: 5 }),
        run({ id: "r-1", read: 3000, created: 2997, skipped: 2, failed: 1 }),
      ]),
      {
        "GET kintone/runs/r-1/issues": () =>
          json(200, {
            run: run({ id: "r-1" }),
            issues: [
              {
                recordId: "41",
                kind: "skipped",
                reason: "NO_NAME_OR_COMPANY",
                message: "顧客名も会社名も空のため、取り込みませんでした。",
              },
              {
                recordId: "57",
                kind: "failed",
                reason: "X",
                message: "メールアドレスの形が正しくありません。",
              },
            ],
          }),
      },
    );
    renderSection(StatusPanel, kintone);
    await screen.findByRole("table");
    // Only the run with skipped or failed records has reasons to show.
    expect(screen.getAllByRole("button", { name: "理由を表示" })).toHaveLength(1);
    fireEvent.click(screen.getByRole("button", { name: "理由を表示" }));
    const list = await screen.findByRole("list", { name: "スキップ・失敗したレコード（顧客管理アプリ）" });
    expect([...list.querySelectorAll("li")].map((li) => li.textContent)).toEqual([
      "スキップ レコード 41: 顧客名も会社名も空のため、取り込みませんでした。",
      "失敗 レコード 57: メールアドレスの形が正しくありません。",
    ]);
    expect(screen.getByRole("link", { name: "レコード 57" }).getAttribute("href")).toBe(
      "/k/14/show#record=57",
    );
    expect(kintone.proxyCalls.at(-1)).toMatchObject({
      url: "https://fa.example.com/v1/kintone/runs/r-1/issues",
      method: "GET",
      headers: { Authorization: `Bearer ${CONNECTION_KEY}` },
    });
    // Two of three reasons were kept: the screen says it shows part of them.
    expect(screen.getByText("3 件のうち 2 件を表示しています。")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "理由を閉じる" }));
    expect(screen.queryByRole("list")).toBeNull();
  });

  test("reasons the backend cannot give are said in words", async () => {
    const kintone = statusBackend(status([run({ failed: 3 })]), {
      "GET kintone/runs/r-1/issues": () => ({ status: 502, body: "<html>Bad Gateway</html>" }),
    });
    renderSection(StatusPanel, kintone);
    fireEvent.click(await screen.findByRole("button", { name: "理由を表示" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "理由を読み込めませんでした: バックエンドに接続できません（HTTP 502）。URLと、バックエンドがインターネットから届くことを確認してください。",
    );
  });

  test("a run waiting for the next day's request budget says when it starts, in the user's time zone", async () => {
    const kintone = statusBackend(
      status([run({ status: "running", finishedAt: null, deferredUntil: "2026-11-25T00:00:00Z" })], {
        nextFullSyncAt: "2026-11-30T15:00:00Z",
      }),
    );
    // kintone's personal setting wins over the browser's zone (the tests run in UTC).
    renderSection(StatusPanel, { ...kintone, env: { ...kintone.env, timeZone: () => "Asia/Tokyo" } });
    expect(
      await screen.findByText("2026/11/25 9:00 に開始します（1日のリクエスト数の上限のため）"),
    ).toBeTruthy();
    expect(screen.getByText("次回の全件同期: 2026/12/01 0:00")).toBeTruthy();
    expect(screen.getByText(`次回の同期: ${tokyoTime("2026-11-25T00:05:00Z")}`)).toBeTruthy();
  });

  test("periodic full sync off; the status is handed to the screen", async () => {
    const answer = status([], { nextFullSyncAt: null, limits: { maxInitialRecords: 5000 } });
    const kintone = statusBackend(answer);
    const seen: Status[] = [];
    renderSection((props) => <StatusPanel {...props} onStatus={(s) => seen.push(s)} />, kintone);
    expect(
      await screen.findByText(
        "定期的な全件同期はオフです（オプションの「全件同期の間隔（日）」で設定できます）。",
      ),
    ).toBeTruthy();
    expect(seen).toEqual([answer]);
  });

  test("全件同期 says what it does first; only 全件同期を始める posts a full sync", async () => {
    const kintone = statusBackend(status([run({})]), {
      "POST kintone/sync": () => json(202, { runId: "r-9" }),
    });
    renderSection(StatusPanel, kintone);
    const full = await enabledButton("全件同期");
    fireEvent.click(full);
    const confirm = screen.getByRole("alertdialog", { name: "全件同期" });
    expect(confirm.textContent).toContain(
      "全件同期では、顧客管理アプリのすべてのレコードを読み込みます。最初の取り込みで対象外だったレコードも取り込み、kintone で削除されたレコードの顧客は連携を外します",
    );
    fireEvent.click(screen.getByRole("button", { name: "やめる" }));
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(kintone.proxyCalls.some((c) => c.method === "POST")).toBe(false);

    fireEvent.click(full);
    fireEvent.click(screen.getByRole("button", { name: "全件同期を始める" }));
    await screen.findByText("全件同期を開始しました。");
    syncPosted(kintone, "full");
    expect(screen.queryByRole("alertdialog")).toBeNull();
  });

  test("without a backend (no URL, or the key not typed or not accepted yet): what to do first, and no call", () => {
    const kintone = fakeKintone();
    renderSection(StatusPanel, kintone, { backendUrl: null });
    expect(
      screen.getByText("バックエンドのURLと接続キーを入力すると、同期の状況が表示されます。"),
    ).toBeTruthy();
    expect(screen.queryByRole("button", { name: "今すぐ同期" })).toBeNull();
    expect(kintone.proxyCalls).toEqual([]);
  });
});
