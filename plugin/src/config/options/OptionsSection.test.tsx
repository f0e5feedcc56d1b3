import { cleanup, fireEvent, screen } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { backendRoutes, renderSection } from "../../../test/config/section-harness.tsx";
import { type ApiCall, fakeKintone, json } from "../../../test/fake-kintone.ts";
import type { Check } from "../../backend.ts";
import { emptyDraft } from "../draft.ts";
import type { Forms } from "../section-props.ts";
import { OptionsSection } from "./OptionsSection.tsx";

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const input = (name: string) => screen.getByLabelText(name) as HTMLInputElement;
const type = (name: string, value: string) => fireEvent.input(input(name), { target: { value } });

describe("OptionsSection (SPEC S9)", () => {
  test("shows the defaults; auto-register is on and can be turned off", () => {
    const view = renderSection(OptionsSection, fakeKintone());
    const autoRegister = screen.getByLabelText("顧客アプリに無い顧客を自動で登録する") as HTMLInputElement;
    expect(autoRegister.checked).toBe(true);
    expect(input("最初の取り込みの対象期間（日）").value).toBe("60");
    expect(input("最初の取り込みの上限（件）").value).toBe("3000");
    expect(input("同期の間隔（時間）").value).toBe("24");
    expect(input("全件同期の間隔（日）").value).toBe("7");
    fireEvent.click(autoRegister);
    expect(view.draft().options.autoRegister).toBe(false);
  });

  test.each([
    ["最初の取り込みの対象期間（日）", "initialWindowDays", "0", "1〜3,650", "60"],
    ["最初の取り込みの対象期間（日）", "initialWindowDays", "3651", "1〜3,650", "60"],
    ["最初の取り込みの対象期間（日）", "initialWindowDays", "1.5", "1〜3,650", "60"],
    ["最初の取り込みの対象期間（日）", "initialWindowDays", "", "1〜3,650", "60"],
    ["最初の取り込みの上限（件）", "initialMaxRecords", "1000001", "1〜1,000,000", "3,000"],
    ["最初の取り込みの上限（件）", "initialMaxRecords", "たくさん", "1〜1,000,000", "3,000"],
    ["同期の間隔（時間）", "syncIntervalHours", "169", "1〜168", "24"],
    ["同期の間隔（時間）", "syncIntervalHours", "-1", "1〜168", "24"],
    ["全件同期の間隔（日）", "fullSyncIntervalDays", "91", "0〜90", "7"],
    ["全件同期の間隔（日）", "fullSyncIntervalDays", "毎週", "0〜90", "7"],
  ] as const)(
    "%s: %j is refused at the field and kept out of the draft",
    (label, option, typed, range, kept) => {
      const view = renderSection(OptionsSection, fakeKintone());
      const before = view.draft().options[option];
      type(label, typed);
      expect(input(label).value).toBe(typed);
      expect(input(label).getAttribute("aria-invalid")).toBe("true");
      expect(screen.getByRole("alert").textContent).toBe(
        `${range} の整数を入力してください（直前の値は ${kept}）。直すまで保存できません。`,
      );
      expect(view.draft().options[option]).toBe(before);
    },
  );

  test.each([
    ["最初の取り込みの対象期間（日）", "initialWindowDays", "９０", 90],
    ["最初の取り込みの上限（件）", "initialMaxRecords", "50,000", 50_000],
    ["最初の取り込みの上限（件）", "initialMaxRecords", "1000000", 1_000_000],
    ["同期の間隔（時間）", "syncIntervalHours", "168", 168],
    ["全件同期の間隔（日）", "fullSyncIntervalDays", "0", 0],
    ["全件同期の間隔（日）", "fullSyncIntervalDays", "９０", 90],
  ] as const)("%s: %j is written as %d", (label, option, typed, value) => {
    const view = renderSection(OptionsSection, fakeKintone());
    type(label, typed);
    expect(view.draft().options[option]).toBe(value);
    expect(screen.queryByRole("alert")).toBeNull();
  });

  test("a value fixed after an error clears the message", () => {
    const view = renderSection(OptionsSection, fakeKintone());
    type("同期の間隔（時間）", "0");
    expect(screen.getByRole("alert")).toBeTruthy();
    type("同期の間隔（時間）", "12");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(view.draft().options.syncIntervalHours).toBe(12);
  });

  test("全件同期の間隔 says what it does and that 0 is off", () => {
    renderSection(OptionsSection, fakeKintone());
    expect(input("全件同期の間隔（日）").getAttribute("aria-describedby")).toBe(
      "fa-option-fullSyncIntervalDays-help",
    );
    expect(document.getElementById("fa-option-fullSyncIntervalDays-help")?.textContent).toMatch(
      /^0 でオフ。この間隔で顧客管理アプリのすべてのレコードを読み直し/,
    );
  });

  test("the cap shows the operator's ceiling once known, and nothing about it before", () => {
    const view = renderSection(OptionsSection, fakeKintone());
    expect(screen.queryByText(/これより多くするには運用者に依頼してください/)).toBeNull();
    view.unmount();
    renderSection((props) => <OptionsSection {...props} maxInitialRecords={20_000} />, fakeKintone());
    expect(screen.getByText("最大 20,000 件（これより多くするには運用者に依頼してください）")).toBeTruthy();
  });

  test("each option's checks show under its own field; other option checks at the end", () => {
    const checks: Check[] = [
      {
        id: "options.maxRecords",
        status: "error",
        message: "上限を超えています。",
        field: "options.initialMaxRecords",
      },
      { id: "options.other", status: "warning", message: "ほかの注意。", field: "options.autoRegister" },
      { id: "options.ok", status: "ok", message: "問題なし", field: "options.syncIntervalHours" },
    ];
    renderSection(OptionsSection, fakeKintone(), { checks });
    const capRow = input("最初の取り込みの上限（件）").closest(".kintoneplugin-row") as HTMLElement;
    expect(capRow.querySelector(".fa-check-error")?.textContent).toBe("上限を超えています。");
    const intervalRow = input("同期の間隔（時間）").closest(".kintoneplugin-row") as HTMLElement;
    expect(intervalRow.querySelector(".fa-check")).toBeNull();
    const section = capRow.parentElement as HTMLElement;
    expect(section.lastElementChild?.textContent).toBe("ほかの注意。");
  });

  test("the message in English", () => {
    renderSection(OptionsSection, fakeKintone({ language: "en" }));
    type("First import: days back", "abc");
    expect(screen.getByRole("alert").textContent).toBe(
      "Enter a whole number from 1 to 3,650 (it was 60). Saving waits until it is fixed.",
    );
  });
});

describe("OptionsSection: the first import's preview (SPEC I9)", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-24T09:30:40Z"));
  });

  const counting = (totalCount: string) => {
    const kintone = fakeKintone({
      api: (call: ApiCall) => {
        if (call.path !== "/k/v1/records.json") throw { code: "X", message: call.path };
        return { records: [{ $id: { type: "__ID__", value: "1" } }], totalCount };
      },
    });
    return kintone;
  };
  const formWith = (code: string): Forms => ({
    customer: {
      status: "ready",
      form: { 顧客名: { type: "SINGLE_LINE_TEXT", code: "顧客名" }, [code]: { type: "UPDATED_TIME", code } },
    },
    activity: { status: "idle", form: null },
  });
  const preview = () => screen.getByRole("button", { name: "取り込み件数を確認" });

  test("under the cap: all of them, counted with the exact query the backend will use", async () => {
    const kintone = counting("1234");
    renderSection(OptionsSection, kintone, { forms: formWith("最終更新") });
    fireEvent.click(preview());
    expect(await screen.findByText("過去60日間に更新された 1,234 件をすべて取り込みます。")).toBeTruthy();
    expect(kintone.apiCalls).toEqual([
      {
        path: "/k/v1/records.json",
        method: "GET",
        params: {
          app: "14",
          query: '最終更新 >= "2026-09-25T09:30:00Z" limit 1',
          fields: ["$id"],
          totalCount: true,
        },
      },
    ]);
  });

  test("over the cap: the newest cap's worth; a new cap re-reads the same count, a new window asks again", async () => {
    const kintone = counting("5000");
    const draft = emptyDraft("14");
    draft.options.initialWindowDays = 30;
    renderSection(OptionsSection, kintone, { draft });
    fireEvent.click(preview());
    expect(
      await screen.findByText(
        "過去30日間に更新された 5,000 件のうち、新しい順に 3,000 件を取り込みます。残りの 2,000 件は、次に更新されたときか全件同期のときに取り込まれます。",
      ),
    ).toBeTruthy();
    // No form known yet: kintone's default code.
    expect(kintone.apiCalls[0]?.params.query).toBe('更新日時 >= "2026-10-25T09:30:00Z" limit 1');

    type("最初の取り込みの上限（件）", "6000");
    expect(screen.getByText("過去30日間に更新された 5,000 件をすべて取り込みます。")).toBeTruthy();
    expect(kintone.apiCalls).toHaveLength(1);

    type("最初の取り込みの対象期間（日）", "60");
    expect(screen.queryByText(/過去\d+日間/)).toBeNull();
    fireEvent.click(preview());
    await screen.findByText(/過去60日間に更新された/);
    expect(kintone.apiCalls[1]?.params.query).toBe('更新日時 >= "2026-09-25T09:30:00Z" limit 1');
  });

  test("nothing updated in the window", async () => {
    renderSection(OptionsSection, counting("0"));
    fireEvent.click(preview());
    expect(
      await screen.findByText(
        "過去60日間に更新されたレコードはありません。最初の取り込みでは何も取り込みません。",
      ),
    ).toBeTruthy();
  });

  test("in English, capped", async () => {
    renderSection(
      OptionsSection,
      fakeKintone({ language: "en", api: () => ({ records: [], totalCount: "4000" }) }),
    );
    fireEvent.click(screen.getByRole("button", { name: "Preview the first import" }));
    expect(
      await screen.findByText(
        "Of the 4,000 records updated in the last 60 days, the 3,000 most recently updated will be imported. The other 1,000 are imported when next updated or by a full sync.",
      ),
    ).toBeTruthy();
  });

  test("kintone's refusal is shown, with its code", async () => {
    const kintone = fakeKintone({
      api: () => {
        throw { code: "GAIA_IQ11", id: "x", message: "指定されたフィールド（更新日時）が見つかりません。" };
      },
    });
    renderSection(OptionsSection, kintone);
    fireEvent.click(preview());
    expect(
      await screen.findByText(
        "件数を数えられませんでした: 指定されたフィールド（更新日時）が見つかりません。 (GAIA_IQ11)",
      ),
    ).toBeTruthy();
  });

  test("a field code that would break the query is not sent", () => {
    const kintone = counting("1");
    renderSection(OptionsSection, kintone, { forms: formWith("更新 日時") });
    fireEvent.click(preview());
    expect(screen.getByText("更新日時のフィールドコード「更新 日時」はクエリに使えません。")).toBeTruthy();
    expect(kintone.apiCalls).toEqual([]);
  });

  test("without a customer app there is nothing to count", () => {
    renderSection(OptionsSection, counting("1"), { draft: emptyDraft("") });
    expect((preview() as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText("顧客アプリが決まると、最初に取り込まれる件数を確認できます。")).toBeTruthy();
  });

  test("取り込みを試算 asks the backend what the first import would do, and says it", async () => {
    const kintone = fakeKintone({
      proxy: backendRoutes({
        "POST kintone/import-preview": (call) =>
          (call.body as { options?: { initialMaxRecords?: number } }).options?.initialMaxRecords === 3000
            ? json(200, {
                inScope: 3500,
                read: 3000,
                created: 2950,
                linked: 12,
                skipped: 38,
                skippedReasons: {},
              })
            : json(500, { error: { code: "INTERNAL", message: "-" } }),
      }),
    });
    renderSection(OptionsSection, kintone);
    fireEvent.click(screen.getByRole("button", { name: "取り込みを試算" }));
    await screen.findByText(
      "最初の取り込みは 3,000 件を読み、新しい顧客 2,950 件・既存の顧客との連携 12 件・スキップ 38 件（顧客名も会社名も空のレコード）になります。",
    );
    expect(kintone.proxyCalls.at(-1)).toMatchObject({
      method: "POST",
      url: expect.stringMatching(/import-preview$/),
    });
  });

  test("取り込みを試算 needs a backend, and says when it cannot reach it", async () => {
    renderSection(OptionsSection, fakeKintone(), { backendUrl: null });
    expect((screen.getByRole("button", { name: "取り込みを試算" }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText("バックエンドのURLと接続キーを入力すると、試算できます。")).toBeTruthy();
    cleanup();
    renderSection(OptionsSection, fakeKintone());
    fireEvent.click(screen.getByRole("button", { name: "取り込みを試算" }));
    await screen.findByText(/^試算できませんでした: バックエンドに接続できません/);
  });
});
