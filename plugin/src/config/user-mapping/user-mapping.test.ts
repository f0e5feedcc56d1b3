import { describe, expect, test } from "vitest";
import { fakeKintone } from "../../../test/fake-kintone.ts";
import type { FrontAgentUser } from "../../backend.ts";
import { type KintoneUser, loadKintoneUsers, suggestByEmail, withMapping } from "./user-mapping.ts";

const fa = (id: string, email: string): FrontAgentUser => ({ id, name: id, email, kintoneUserCode: null });
const kin = (code: string, email: string, valid = true): KintoneUser => ({ code, name: code, email, valid });

describe("suggestByEmail", () => {
  test.each([
    ["same address", [kin("yamada", "yamada@example.jp")], "yamada@example.jp", "yamada"],
    [
      "case and surrounding spaces do not matter",
      [kin("yamada", " Yamada@Example.JP ")],
      "yamada@example.jp",
      "yamada",
    ],
    ["another address: no suggestion", [kin("yamada", "taro@example.jp")], "yamada@example.jp", undefined],
    [
      "two kintone users share the address: never guessed",
      [kin("yamada", "yamada@example.jp"), kin("yamada2", "YAMADA@example.jp")],
      "yamada@example.jp",
      undefined,
    ],
    [
      "a stopped kintone user is not suggested",
      [kin("yamada", "yamada@example.jp", false)],
      "yamada@example.jp",
      undefined,
    ],
    ["an empty address matches nothing", [kin("nomail", "")], "", undefined],
  ])("%s", (_rule, kintone, email, expected) => {
    expect(suggestByEmail([fa("u-1", email)], kintone, []).get("u-1")?.code).toBe(expected);
  });

  test("a Front Agent user already mapped gets no suggestion", () => {
    const suggestions = suggestByEmail(
      [fa("u-1", "yamada@example.jp")],
      [kin("yamada", "yamada@example.jp")],
      [{ frontAgentUserId: "u-1", kintoneUserCode: "someone-else" }],
    );
    expect(suggestions.size).toBe(0);
  });
});

describe("withMapping", () => {
  const mappings = [
    { frontAgentUserId: "u-1", kintoneUserCode: "a" },
    { frontAgentUserId: "u-2", kintoneUserCode: "b" },
  ];
  test.each([
    ["a new user is added at the end", "u-3", "c", ["u-1:a", "u-2:b", "u-3:c"]],
    ["a mapped user is changed in place", "u-1", "z", ["u-1:z", "u-2:b"]],
    ["the empty code unmaps", "u-1", "", ["u-2:b"]],
    ["unmapping an unmapped user changes nothing", "u-9", "", ["u-1:a", "u-2:b"]],
  ])("%s", (_rule, id, code, expected) => {
    expect(withMapping(mappings, id, code).map((m) => `${m.frontAgentUserId}:${m.kintoneUserCode}`)).toEqual(
      expected,
    );
  });
});

describe("loadKintoneUsers", () => {
  test("pages by offset through the User API (no /k prefix) until a page is short", async () => {
    const all = Array.from({ length: 230 }, (_, i) => ({
      id: String(i + 1),
      code: `user${i + 1}`,
      name: `User ${i + 1}`,
      email: "",
    }));
    const kintone = fakeKintone({
      api: ({ params }) => {
        const offset = params.offset as number;
        return { users: all.slice(offset, offset + (params.size as number)) };
      },
    });
    const users = await loadKintoneUsers(kintone.env);
    expect(users).toHaveLength(230);
    expect(kintone.apiCalls.map((c) => [c.path, c.method, c.params])).toEqual([
      ["/v1/users.json", "GET", { size: 100, offset: 0 }],
      ["/v1/users.json", "GET", { size: 100, offset: 100 }],
      ["/v1/users.json", "GET", { size: 100, offset: 200 }],
    ]);
  });

  test("exactly 100 users: one more (empty) page confirms the end", async () => {
    const page = Array.from({ length: 100 }, (_, i) => ({ code: `u${i}`, name: `U${i}`, email: "" }));
    const kintone = fakeKintone({ api: ({ params }) => ({ users: params.offset === 0 ? page : [] }) });
    expect(await loadKintoneUsers(kintone.env)).toHaveLength(100);
    expect(kintone.apiCalls).toHaveLength(2);
  });

  test("a stopped user is kept and marked (valid: false); a missing name falls back to the code", async () => {
    const kintone = fakeKintone({
      api: () => ({ users: [{ code: "old", name: "", email: "old@example.jp", valid: false }] }),
    });
    expect(await loadKintoneUsers(kintone.env)).toEqual([
      { code: "old", name: "old", email: "old@example.jp", valid: false },
    ]);
  });
});
