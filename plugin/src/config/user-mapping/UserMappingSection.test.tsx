import { cleanup, fireEvent, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, test } from "vitest";
import { backendRoutes, renderSection } from "../../../test/config/section-harness.tsx";
import { type ApiCall, fakeKintone, json } from "../../../test/fake-kintone.ts";
import { emptyDraft } from "../draft.ts";
import { UserMappingSection } from "./UserMappingSection.tsx";

afterEach(cleanup);

const FRONT_AGENT_USERS = [
  { id: "u-1", name: "山田 太郎", email: " Yamada@Example.co.jp ", kintoneUserCode: null },
  { id: "u-2", name: "佐藤 花子", email: "sato@example.co.jp", kintoneUserCode: "sato-k" },
  { id: "u-3", name: "鈴木 一郎", email: "suzuki@example.co.jp", kintoneUserCode: null },
];

const KINTONE_USERS = [
  { id: "1", code: "yamada", name: "山田 太郎", email: "yamada@example.co.jp", valid: true },
  { id: "2", code: "sato-k", name: "佐藤 花子", email: "hanako@example.co.jp", valid: true },
  { id: "3", code: "suzuki", name: "鈴木 一郎", email: "ichiro@example.co.jp", valid: true },
  // Same address as u-3, but the account is stopped: no suggestion, not offered.
  { id: "4", code: "suzuki-old", name: "鈴木 (旧)", email: "suzuki@example.co.jp", valid: false },
];

const usersApi = (users: unknown[]) => (call: ApiCall) => {
  if (call.path !== "/v1/users.json") throw { code: "GAIA_XX", message: `unexpected ${call.path}` };
  const offset = call.params.offset as number;
  return { users: users.slice(offset, offset + (call.params.size as number)) };
};

function setup(options: { users?: unknown[]; kintoneUsers?: unknown[] } = {}) {
  const kintone = fakeKintone({
    api: usersApi(options.kintoneUsers ?? KINTONE_USERS),
    proxy: backendRoutes({ "GET users": () => json(200, { users: options.users ?? FRONT_AGENT_USERS }) }),
  });
  const draft = emptyDraft("14");
  draft.userMappings = [{ frontAgentUserId: "u-2", kintoneUserCode: "sato-k" }];
  return { kintone, draft };
}

const select = (name: string) => screen.getByLabelText(name) as HTMLSelectElement;

describe("UserMappingSection (SPEC S8)", () => {
  test("maps each Front Agent user; e-mail suggestions are shown, applied only on the button", async () => {
    const { kintone, draft } = setup();
    const view = renderSection(UserMappingSection, kintone, { draft });
    await screen.findByRole("table");

    // The kintone list is read with the session (User API, no /k prefix): no password anywhere.
    expect(kintone.apiCalls).toEqual([
      { path: "/v1/users.json", method: "GET", params: { size: 100, offset: 0 } },
    ]);
    expect(kintone.proxyCalls.map((c) => `${c.method} ${c.url}`)).toEqual([
      "GET https://fa.example.com/v1/users",
    ]);
    expect(screen.queryByLabelText(/パスワード/)).toBeNull();

    // The stored mapping is pre-selected; the suggestion is marked as such, not yet in the draft.
    expect(select("佐藤 花子").value).toBe("sato-k");
    expect(select("山田 太郎").value).toBe("");
    expect(screen.getByText("提案: 山田 太郎 (yamada)（メールアドレスが一致）")).toBeTruthy();
    expect([...select("山田 太郎").options].map((o) => o.text)).toEqual([
      "— 未連携 —",
      "山田 太郎 (yamada) — 提案",
      "佐藤 花子 (sato-k)",
      "鈴木 一郎 (suzuki)",
    ]);
    expect(view.draft().userMappings).toEqual([{ frontAgentUserId: "u-2", kintoneUserCode: "sato-k" }]);
    expect(screen.getByText("1 人 / 3 人を連携済み")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "メールアドレスで提案を適用（1 件）" }));
    expect(view.draft().userMappings).toEqual([
      { frontAgentUserId: "u-2", kintoneUserCode: "sato-k" },
      { frontAgentUserId: "u-1", kintoneUserCode: "yamada" },
    ]);
    expect(select("山田 太郎").value).toBe("yamada");
    expect(screen.queryByText(/^提案:/)).toBeNull();
    expect((screen.getByRole("button", { name: /提案を適用/ }) as HTMLButtonElement).disabled).toBe(true);

    // By hand: choose for 鈴木, unmap 佐藤.
    fireEvent.change(select("鈴木 一郎"), { target: { value: "suzuki" } });
    fireEvent.change(select("佐藤 花子"), { target: { value: "" } });
    expect(view.draft().userMappings).toEqual([
      { frontAgentUserId: "u-1", kintoneUserCode: "yamada" },
      { frontAgentUserId: "u-3", kintoneUserCode: "suzuki" },
    ]);
    expect(screen.getByText("2 人 / 3 人を連携済み")).toBeTruthy();
  });

  test("kintone users beyond the first 100 are read and suggested too", async () => {
    const many = Array.from({ length: 130 }, (_, i) => ({
      id: String(i + 1),
      code: `user${i + 1}`,
      name: `社員 ${i + 1}`,
      email: i + 1 === 120 ? "yamada@example.co.jp" : `user${i + 1}@example.co.jp`,
    }));
    const { kintone, draft } = setup({ kintoneUsers: many, users: [FRONT_AGENT_USERS[0]] });
    renderSection(UserMappingSection, kintone, { draft });
    await screen.findByRole("table");
    expect(kintone.apiCalls.map((c) => c.params)).toEqual([
      { size: 100, offset: 0 },
      { size: 100, offset: 100 },
    ]);
    expect(select("山田 太郎").options).toHaveLength(131);
    expect(screen.getByText("提案: 社員 120 (user120)（メールアドレスが一致）")).toBeTruthy();
  });

  test("a mapping to a user either side no longer knows stays visible and can be removed", async () => {
    const { kintone, draft } = setup({ users: [FRONT_AGENT_USERS[0]] });
    draft.userMappings = [
      { frontAgentUserId: "u-1", kintoneUserCode: "ghost" },
      { frontAgentUserId: "u-gone", kintoneUserCode: "yamada" },
    ];
    const view = renderSection(UserMappingSection, kintone, { draft });
    await screen.findByRole("table");
    expect(select("山田 太郎").selectedOptions[0]?.text).toBe("ghost — kintone に見つかりません");
    expect(screen.getByText("Front Agent に見つかりません")).toBeTruthy();
    fireEvent.change(select("u-gone"), { target: { value: "" } });
    expect(view.draft().userMappings).toEqual([{ frontAgentUserId: "u-1", kintoneUserCode: "ghost" }]);
  });

  test("a user known only from an assist event, sent without a name, is labelled by the id", async () => {
    const { kintone, draft } = setup({
      users: [{ id: "u-event", name: "", email: "", kintoneUserCode: null }],
    });
    renderSection(UserMappingSection, kintone, { draft });
    await screen.findByRole("table");
    expect(select("u-event").value).toBe("");
  });

  test("an unreachable backend is said so (no endless spinner) and 再読み込み tries again", async () => {
    let up = false;
    const kintone = fakeKintone({
      api: usersApi(KINTONE_USERS),
      proxy: (call) =>
        up
          ? backendRoutes({ "GET users": () => json(200, { users: FRONT_AGENT_USERS }) })(call)
          : { status: 503, body: "DNS Cache Missing" },
    });
    renderSection(UserMappingSection, kintone);
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Front Agent のユーザーを読み込めませんでした: バックエンドに接続できません（HTTP 503）。URLと、バックエンドがインターネットから届くことを確認してください。",
    );
    expect(screen.queryByText("ユーザーを読み込んでいます…")).toBeNull();
    up = true;
    fireEvent.click(screen.getByRole("button", { name: "再読み込み" }));
    await screen.findByRole("table");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  test("a kintone error reading the users is shown with kintone's code", async () => {
    const kintone = fakeKintone({
      api: () => {
        throw { code: "CB_NO02", id: "x", message: "権限がありません。" };
      },
      proxy: backendRoutes({ "GET users": () => json(200, { users: FRONT_AGENT_USERS }) }),
    });
    renderSection(UserMappingSection, kintone);
    expect((await screen.findByRole("alert")).textContent).toBe(
      "kintone のユーザー一覧を読み込めませんでした: 権限がありません。 (CB_NO02)",
    );
  });

  test("without a backend (no URL, or the key not typed or not accepted yet) nothing is called and the section says what to do first", () => {
    const kintone = fakeKintone({ api: usersApi(KINTONE_USERS) });
    renderSection(UserMappingSection, kintone, { backendUrl: null });
    expect(
      screen.getByText("バックエンドのURLと接続キーを入力すると、Front Agent のユーザーが表示されます。"),
    ).toBeTruthy();
    expect(kintone.apiCalls).toEqual([]);
    expect(kintone.proxyCalls).toEqual([]);
  });

  test("shows the checks about the user mapping, and only those", async () => {
    const { kintone, draft } = setup();
    renderSection(UserMappingSection, kintone, {
      draft,
      checks: [
        {
          id: "a",
          status: "warning",
          message: "担当者が未連携です",
          field: "userMappings[0].kintoneUserCode",
        },
        { id: "b", status: "error", message: "会社名がありません", field: "customerApp.fields.company" },
      ],
    });
    await screen.findByRole("table");
    expect(screen.getByText("担当者が未連携です")).toBeTruthy();
    expect(screen.queryByText("会社名がありません")).toBeNull();
  });

  test("speaks English", async () => {
    const kintone = fakeKintone({
      language: "en",
      api: usersApi(KINTONE_USERS),
      proxy: backendRoutes({ "GET users": () => json(200, { users: FRONT_AGENT_USERS }) }),
    });
    renderSection(UserMappingSection, kintone);
    await screen.findByRole("table");
    expect(screen.getByText("Suggested: 山田 太郎 (yamada) (same e-mail)")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Apply the e-mail suggestions (1)" })).toBeTruthy();
    await waitFor(() => expect(select("山田 太郎").options[0]?.text).toBe("— Not mapped —"));
  });
});
