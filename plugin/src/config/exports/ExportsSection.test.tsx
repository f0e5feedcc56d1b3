import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { afterEach, describe, expect, test } from "vitest";
import { BACKEND_URL, CONNECTION_KEY, renderSection } from "../../../test/config/section-harness.tsx";
import { fakeKintone, json, type ProxyCall } from "../../../test/fake-kintone.ts";
import type { AdminExport } from "../../backend.ts";
import type { ProxyAnswer } from "../../kintone-env.ts";
import { emptyDraft } from "../draft.ts";
import { recordUrl } from "../ui/RecordAnchor.tsx";
import { canRetry, ExportsSection, exportDetail, retried } from "./ExportsSection.tsx";

afterEach(cleanup);

const TOKYO = "Asia/Tokyo";
const jaTime = (iso: string) =>
  new Date(iso).toLocaleString("ja-JP", { dateStyle: "medium", timeStyle: "short", timeZone: TOKYO });

const exported = (overrides: Partial<AdminExport>): AdminExport => ({
  exportId: "e-1",
  eventId: "ev-1",
  title: "定例会議",
  startedAt: "2026-11-24T01:00:00Z",
  user: { id: "u-1", name: "山田 太郎" },
  customer: { id: "c-1", name: "佐藤 花子", company: "佐藤商事" },
  status: "written",
  createdAt: "2026-11-24T02:00:00Z",
  updatedAt: "2026-11-24T02:01:00Z",
  ...overrides,
});

const written = exported({ exportId: "e-1", kintoneRecordId: "101" });
const failed = exported({
  exportId: "e-2",
  title: "見積もり相談",
  status: "failed",
  reason: "kintone がレコードを受け付けませんでした（CB_VA01: 件名は必須です）。",
  fix: "活動履歴アプリのフィールドを直してから「再送」を押してください。",
});
const review = exported({
  exportId: "e-3",
  title: "初回訪問",
  status: "needs_review",
  customer: { id: "c-3", name: "鈴木 一郎", company: "鈴木工業" },
  reason: "該当しそうな顧客が複数見つかりました（レコード番号 7, 8）。",
  fix: "下の候補から正しい顧客レコードを選んで連携すると、書き込まれます。",
});
const deferred = exported({
  exportId: "e-4",
  title: "電話",
  status: "queued",
  retryAt: "2026-11-25T00:00:00Z",
  reason: "kintone の1日のリクエスト数の上限に近いため、2026/11/25 09:00（日本時間） に書き込みます。",
});

type Route = (call: ProxyCall, url: URL) => ProxyAnswer;

/** The backend's exports routes: the path below /v1/ (query apart) → an answer. */
function backend(routes: Record<string, Route>) {
  return (call: ProxyCall) => {
    const url = new URL(call.url);
    const route = routes[`${call.method} ${url.pathname.slice("/v1/".length)}`];
    return route ? route(call, url) : json(404, { error: { code: "NOT_FOUND", message: "not found" } });
  };
}

/** The section as the screen shows it: the activity app 15, the customer app 14, kintone's user in Tokyo. */
function show(routes: Record<string, Route>, language: "ja" | "en" = "ja") {
  const kintone = fakeKintone({ language, proxy: backend(routes) });
  const draft = emptyDraft("14");
  draft.activityApp.appId = "15";
  const view = renderSection(
    ExportsSection,
    { ...kintone, env: { ...kintone.env, timeZone: () => TOKYO } },
    { draft },
  );
  return { kintone, view };
}

const cells = (row: HTMLElement) => [...row.children].map((cell) => cell.textContent);
const rowOf = (title: string) => screen.getByText(title).closest("tr") as HTMLElement;
const exportCalls = (kintone: ReturnType<typeof fakeKintone>) =>
  kintone.proxyCalls.filter((c) => c.url.includes("/v1/kintone/exports"));

describe("ExportsSection (GET /v1/kintone/exports)", () => {
  test("a page of minutes, newest first as sent: time in the user's zone, the record link, reasons and fixes", async () => {
    const { kintone } = show({
      "GET kintone/exports": () =>
        json(200, { exports: [written, failed, review, deferred], nextCursor: null }),
    });
    await screen.findByRole("table");
    expect(exportCalls(kintone)).toEqual([
      {
        url: `${BACKEND_URL}/v1/kintone/exports?limit=20`,
        method: "GET",
        headers: { "Accept-Language": "ja", Authorization: `Bearer ${CONNECTION_KEY}` },
        body: undefined,
      },
    ]);
    const rows = screen.getAllByRole("row").map(cells);
    expect(rows).toEqual([
      ["会議", "日時", "Front Agent のユーザー", "顧客", "状態", "詳細", "操作"],
      [
        "定例会議",
        jaTime(written.startedAt),
        "山田 太郎",
        "佐藤 花子 / 佐藤商事",
        "書き込み済み",
        "活動履歴のレコード 101",
        "",
      ],
      [
        "見積もり相談",
        jaTime(failed.startedAt),
        "山田 太郎",
        "佐藤 花子 / 佐藤商事",
        "失敗",
        `${failed.reason}${failed.fix}`,
        "再送",
      ],
      [
        "初回訪問",
        jaTime(review.startedAt),
        "山田 太郎",
        "鈴木 一郎 / 鈴木工業",
        "要確認",
        `${review.reason}${review.fix}`,
        "候補を表示",
      ],
      [
        "電話",
        jaTime(deferred.startedAt),
        "山田 太郎",
        "佐藤 花子 / 佐藤商事",
        "未書き込み",
        // The backend's sentence names Japan's time; the screen says when in the user's own zone.
        `${jaTime("2026-11-25T00:00:00Z")} に書き込みます（kintone の1日のリクエスト数の上限のため）。操作は不要です。`,
        "",
      ],
    ]);
    expect(jaTime(written.startedAt)).toBe("2026/11/24 10:00");
    const link = within(rowOf("定例会議")).getByRole("link", { name: "活動履歴のレコード 101" });
    expect(link.getAttribute("href")).toBe("/k/15/show#record=101");
    expect(link.getAttribute("target")).toBe("_blank");
    // One page only: nothing to page through.
    expect(screen.queryByRole("button", { name: "次へ" })).toBeNull();
  });

  test("the status filter asks the backend for that status and starts again from the first page", async () => {
    const { kintone } = show({
      "GET kintone/exports": (_call, url) =>
        url.searchParams.get("status") === "failed"
          ? json(200, { exports: [failed], nextCursor: null })
          : json(200, { exports: [written, failed], nextCursor: "c-2" }),
    });
    await screen.findByText("定例会議");
    const filter = screen.getByLabelText("表示する状態") as HTMLSelectElement;
    expect([...filter.options].map((o) => o.textContent)).toEqual([
      "すべて",
      "要確認",
      "失敗",
      "未書き込み",
      "スキップ",
      "書き込み済み",
    ]);
    fireEvent.click(screen.getByRole("button", { name: "次へ" }));
    await waitFor(() => expect(exportCalls(kintone)).toHaveLength(2));
    fireEvent.change(filter, { target: { value: "failed" } });
    await waitFor(() => expect(screen.queryByText("定例会議")).toBeNull());
    expect(screen.getByText("見積もり相談")).toBeTruthy();
    expect(exportCalls(kintone).at(-1)?.url).toBe(`${BACKEND_URL}/v1/kintone/exports?status=failed&limit=20`);
  });

  test("次へ reads the next page by its cursor, 前へ goes back to the first", async () => {
    const pages: Record<string, { exports: AdminExport[]; nextCursor: string | null }> = {
      first: { exports: [written], nextCursor: "older/1+" },
      "older/1+": { exports: [failed], nextCursor: null },
    };
    const { kintone } = show({
      "GET kintone/exports": (_call, url) => json(200, pages[url.searchParams.get("cursor") ?? "first"]),
    });
    await screen.findByText("定例会議");
    expect((screen.getByRole("button", { name: "前へ" }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText("1 ページ目")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "次へ" }));
    await screen.findByText("見積もり相談");
    expect(screen.queryByText("定例会議")).toBeNull();
    expect(exportCalls(kintone).at(-1)?.url).toBe(
      `${BACKEND_URL}/v1/kintone/exports?limit=20&cursor=older%2F1%2B`,
    );
    expect(screen.getByText("2 ページ目")).toBeTruthy();
    expect((screen.getByRole("button", { name: "次へ" }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: "前へ" }));
    await screen.findByText("定例会議");
    expect(exportCalls(kintone).at(-1)?.url).toBe(`${BACKEND_URL}/v1/kintone/exports?limit=20`);
  });

  test("再送 posts the retry with the connection key; the row then shows 未書き込み", async () => {
    const { kintone } = show({
      "GET kintone/exports": () => json(200, { exports: [failed], nextCursor: null }),
      "POST kintone/exports/e-2/retry": () => json(202, { exportId: "e-2", status: "queued" }),
    });
    await screen.findByText("見積もり相談");
    fireEvent.click(screen.getByRole("button", { name: "再送" }));
    expect((await screen.findByRole("status")).textContent).toBe(
      "再送しました。まもなく活動履歴アプリに書き込まれます。",
    );
    expect(kintone.proxyCalls.find((c) => c.method === "POST")).toMatchObject({
      url: `${BACKEND_URL}/v1/kintone/exports/e-2/retry`,
      headers: { Authorization: `Bearer ${CONNECTION_KEY}` },
    });
    const row = cells(rowOf("見積もり相談"));
    expect(row[4]).toBe("未書き込み");
    // The failure's reason is no longer what the row waits for; no second 再送.
    expect(row[5]).toBe("再送しました。まもなく活動履歴アプリに書き込まれます。");
    expect(screen.queryByRole("button", { name: "再送" })).toBeNull();
  });

  test("a refused or unreachable retry is said in words, never as the raw answer", async () => {
    let answer: ProxyAnswer = json(409, {
      error: { code: "EXPORT_ALREADY_WRITTEN", message: "この議事録はすでに書き込まれています。" },
    });
    show({
      "GET kintone/exports": () => json(200, { exports: [failed], nextCursor: null }),
      "POST kintone/exports/e-2/retry": () => answer,
    });
    await screen.findByText("見積もり相談");
    fireEvent.click(screen.getByRole("button", { name: "再送" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "再送できませんでした: この議事録はすでに書き込まれています。",
    );
    expect(cells(rowOf("見積もり相談"))[4]).toBe("失敗");
    answer = { status: 502, body: "<html>Bad Gateway</html>" };
    fireEvent.click(screen.getByRole("button", { name: "再送" }));
    await waitFor(() =>
      expect(screen.getByRole("alert").textContent).toBe(
        "再送できませんでした: バックエンドに接続できません（HTTP 502）。URLと、バックエンドがインターネットから届くことを確認してください。",
      ),
    );
  });

  test("要確認: 候補を表示 lists the customer-app records; この顧客に連携 links and the row is queued", async () => {
    const { kintone } = show({
      "GET kintone/exports": () => json(200, { exports: [review], nextCursor: null }),
      "GET kintone/exports/e-3/candidates": () =>
        json(200, {
          customer: { id: "c-3", name: "鈴木 一郎", company: "鈴木工業" },
          candidates: [
            {
              recordId: "7",
              recordNumber: "CUS-7",
              name: "鈴木 一郎",
              company: "鈴木工業株式会社",
              score: 1,
            },
            {
              recordId: "8",
              recordNumber: "CUS-8",
              name: "鈴木 一郎",
              company: "鈴木工業(株)",
              score: 0.857,
            },
          ],
        }),
      "PUT kintone/exports/e-3/link": () =>
        json(200, {
          export: {
            ...review,
            status: "queued",
            reason: undefined,
            fix: undefined,
            customer: { id: "c-3", name: "鈴木 一郎", company: "鈴木工業" },
          },
        }),
    });
    await screen.findByText("初回訪問");
    fireEvent.click(screen.getByRole("button", { name: "候補を表示" }));
    const list = await screen.findByRole("table", {
      name: "「鈴木 一郎 / 鈴木工業」の候補（顧客管理アプリのレコード）",
    });
    expect(within(list).getAllByRole("row").map(cells)).toEqual([
      ["顧客名", "会社名", "レコード番号", "一致度", "操作"],
      ["鈴木 一郎", "鈴木工業株式会社", "CUS-7", "1", "この顧客に連携"],
      ["鈴木 一郎", "鈴木工業(株)", "CUS-8", "0.86", "この顧客に連携"],
    ]);
    expect(within(list).getByRole("link", { name: "CUS-8" }).getAttribute("href")).toBe(
      "/k/14/show#record=8",
    );

    fireEvent.click(within(list).getAllByRole("button", { name: "この顧客に連携" })[1] as HTMLElement);
    expect((await screen.findByRole("status")).textContent).toBe(
      "連携しました。この議事録はまもなく活動履歴アプリに書き込まれます。",
    );
    expect(kintone.proxyCalls.find((c) => c.method === "PUT")).toMatchObject({
      url: `${BACKEND_URL}/v1/kintone/exports/e-3/link`,
      headers: { Authorization: `Bearer ${CONNECTION_KEY}` },
      body: { recordId: "8" },
    });
    expect(cells(rowOf("初回訪問"))[4]).toBe("未書き込み");
    expect(screen.queryByRole("table", { name: /の候補/ })).toBeNull();
    expect(screen.queryByRole("button", { name: "候補を表示" })).toBeNull();
  });

  test("候補 the backend cannot give (no longer in review) are said in words; none found says what to do", async () => {
    let answer: ProxyAnswer = json(409, {
      error: { code: "EXPORT_NOT_IN_REVIEW", message: "この議事録は要確認ではありません。" },
    });
    show({
      "GET kintone/exports": () => json(200, { exports: [review], nextCursor: null }),
      "GET kintone/exports/e-3/candidates": () => answer,
    });
    await screen.findByText("初回訪問");
    fireEvent.click(screen.getByRole("button", { name: "候補を表示" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "候補を読み込めませんでした: この議事録は要確認ではありません。",
    );
    fireEvent.click(screen.getByRole("button", { name: "候補を閉じる" }));
    answer = json(200, { customer: { id: "c-3", name: "鈴木 一郎", company: "鈴木 一郎" }, candidates: [] });
    fireEvent.click(screen.getByRole("button", { name: "候補を表示" }));
    expect(await screen.findByText("「鈴木 一郎」の候補（顧客管理アプリのレコード）")).toBeTruthy();
    expect(screen.getByText(/顧客管理アプリに候補が見つかりませんでした/)).toBeTruthy();
  });

  test("in English", async () => {
    show(
      {
        "GET kintone/exports": () =>
          json(200, {
            exports: [
              { ...written, title: "Weekly" },
              { ...failed, title: "Quote" },
            ],
            nextCursor: null,
          }),
      },
      "en",
    );
    await screen.findByRole("table");
    expect(cells(screen.getAllByRole("row")[0] as HTMLElement)).toEqual([
      "Meeting",
      "Date",
      "Front Agent user",
      "Customer",
      "Status",
      "Details",
      "Action",
    ]);
    expect(cells(rowOf("Weekly"))[1]).toBe(
      new Date(written.startedAt).toLocaleString("en-US", {
        dateStyle: "medium",
        timeStyle: "short",
        timeZone: TOKYO,
      }),
    );
    expect(screen.getByRole("link", { name: "Activity record 101" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Send again" })).toBeTruthy();
  });

  test("an unreachable backend is said so; 一覧を更新 reads again", async () => {
    let up = false;
    show({
      "GET kintone/exports": () =>
        up ? json(200, { exports: [], nextCursor: null }) : { status: 503, body: "DNS Cache Missing" },
    });
    expect((await screen.findByRole("alert")).textContent).toBe(
      "議事録の書き込みを読み込めませんでした: バックエンドに接続できません（HTTP 503）。URLと、バックエンドがインターネットから届くことを確認してください。",
    );
    up = true;
    fireEvent.click(screen.getByRole("button", { name: "一覧を更新" }));
    expect(await screen.findByText("表示する議事録はありません。")).toBeTruthy();
  });

  test("without a backend: what to do first, and no call", () => {
    const kintone = fakeKintone();
    renderSection(ExportsSection, kintone, { backendUrl: null });
    expect(
      screen.getByText("バックエンドのURLと接続キーを入力すると、議事録の書き込みが表示されます。"),
    ).toBeTruthy();
    expect(screen.queryByRole("button")).toBeNull();
    expect(kintone.proxyCalls).toEqual([]);
  });
});

describe("what an export row shows and offers", () => {
  test.each([
    ["written with its record", exported({ kintoneRecordId: "9" }), { recordId: "9", reason: false }, false],
    [
      "written without its person in charge: the record and why",
      exported({ kintoneRecordId: "9", reason: "担当者を空欄で書き込みました。", fix: "f" }),
      { recordId: "9", reason: true },
      false,
    ],
    ["written, no record id", exported({}), { reason: false }, false],
    ["failed with a reason", exported({ status: "failed", reason: "r" }), { reason: true }, true],
    ["failed, only a fix", exported({ status: "failed", fix: "f" }), { reason: true }, true],
    ["failed, nothing said", exported({ status: "failed" }), { reason: false }, true],
    ["skipped", exported({ status: "skipped", reason: "r" }), { reason: true }, true],
    ["needs review", exported({ status: "needs_review", reason: "r" }), { reason: true }, false],
    [
      "queued, deferred: the screen's own words, not the backend's",
      exported({ status: "queued", retryAt: "2026-11-25T00:00:00Z", reason: "r", fix: "f" }),
      { deferredAt: "2026-11-25T00:00:00Z", reason: false },
      false,
    ],
    ["queued", exported({ status: "queued" }), { reason: false }, false],
    [
      "a record id on a row not written is not linked",
      exported({ status: "failed", kintoneRecordId: "9" }),
      { reason: false },
      true,
    ],
  ] as const)("%s", (_name, row, detail, retry) => {
    expect(exportDetail(row)).toEqual(detail);
    expect(canRetry(row)).toBe(retry);
  });

  test("a retried row is queued and says no more why it failed", () => {
    expect(retried({ ...failed, retryAt: "2026-11-25T00:00:00Z" })).toEqual({
      ...failed,
      status: "queued",
      reason: undefined,
      fix: undefined,
      retryAt: undefined,
    });
    expect(Object.keys(retried(failed))).not.toContain("reason");
  });

  test("record links are kintone's record pages, ids escaped", () => {
    expect(recordUrl("15", "101")).toBe("/k/15/show#record=101");
    expect(recordUrl("15", "1 2")).toBe("/k/15/show#record=1%202");
  });
});
