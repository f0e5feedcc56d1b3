import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { templateSeed } from "../src/index.ts";
import { emulatorWith, kintone, q, type TestEmulator } from "./helpers.ts";

// Every kintone error our backend relies on, asserted on the wire: status, code, message language and
// the `errors` keys (kintone-facts.md §6). A client that handles these against the emulator handles kintone.
let emu: TestEmulator;
let customerApp: string;
let customerToken: string;
let activityApp: string;
let activityToken: string;

beforeAll(async () => {
  emu = await emulatorWith(templateSeed({ customers: 20 }));
  const apps = emu.seed?.apps ?? {};
  customerApp = apps.customer?.appId ?? "";
  customerToken = apps.customer?.tokens[0] ?? "";
  activityApp = apps.activity?.appId ?? "";
  activityToken = apps.activity?.tokens[0] ?? "";
});
afterAll(() => emu.close());

const records = (app: string, query = "") => `/k/v1/records.json${q({ app, query })}`;

describe("authentication", () => {
  test("no credentials → 401 CB_AU01", async () => {
    const res = await kintone(emu, "GET", records(customerApp));
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: "CB_AU01", message: "ログインしてください。" });
    expect(res.body.id).toMatch(/^[A-Za-z0-9]{20}$/);
  });

  test("wrong password → 401 CB_WA01; right password → 200", async () => {
    const bad = await kintone(emu, "GET", records(customerApp), {
      password: { user: "yamada", password: "nope" },
    });
    expect(bad.status).toBe(401);
    expect(bad.body.code).toBe("CB_WA01");
    const good = await kintone(emu, "GET", records(customerApp), {
      password: { user: "yamada", password: "yamada-pass" },
    });
    expect(good.status).toBe(200);
  });

  test("two-factor authentication forced → password auth refused with CB_TW02, tokens still work", async () => {
    await emu.control.settings({ twoFactorForced: true });
    try {
      const res = await kintone(emu, "GET", records(customerApp), {
        password: { user: "yamada", password: "yamada-pass" },
      });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe("CB_TW02");
      expect((await kintone(emu, "GET", records(customerApp), { token: customerToken })).status).toBe(200);
    } finally {
      await emu.control.settings({ twoFactorForced: false });
    }
  });

  test("password auth wins over a bad token when both are sent", async () => {
    const res = await kintone(emu, "GET", records(customerApp), {
      token: "wrong",
      password: { user: "sato", password: "sato-pass" },
    });
    expect(res.status).toBe(200);
  });

  test.each([
    ["an unknown token", () => ["no-such-token"]],
    ["a valid token mixed with an unknown one", () => [customerToken, "no-such-token"]],
  ])("%s → 400 GAIA_IA02", async (_name, tokens) => {
    const res = await kintone(emu, "GET", records(customerApp), { token: tokens() });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("GAIA_IA02");
  });

  test("a token generated but not deployed (アプリを更新 not pressed) → GAIA_IA02 until deployed", async () => {
    const token = await emu.control.createToken(customerApp, { view: true }, false);
    expect((await kintone(emu, "GET", records(customerApp), { token })).body.code).toBe("GAIA_IA02");
    await emu.control.updateToken(token, { deployed: true });
    expect((await kintone(emu, "GET", records(customerApp), { token })).status).toBe(200);
  });

  test("two tokens of the same app → 400 GAIA_DA03", async () => {
    const second = await emu.control.createToken(customerApp, { view: true });
    const res = await kintone(emu, "GET", records(customerApp), { token: [customerToken, second] });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("GAIA_DA03");
  });

  test("only another app's token → 400, not a permission error", async () => {
    const res = await kintone(emu, "GET", records(customerApp), { token: activityToken });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("GAIA_IA03");
  });

  test("ten tokens in one header → 400 (kintone allows nine)", async () => {
    const tokens = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const app = await emu.control.createApp({ name: "t", fields: [] });
        return app.tokens[0] ?? "";
      }),
    );
    const res = await kintone(emu, "GET", records(customerApp), { token: tokens });
    expect(res.status).toBe(400);
  });
});

describe("permissions", () => {
  test.each([
    ["view", "GET", (): string => records(customerApp), undefined],
    ["add", "POST", (): string => "/k/v1/records.json", () => ({ app: customerApp, records: [] })],
    ["edit", "PUT", (): string => "/k/v1/records.json", () => ({ app: customerApp, records: [] })],
    [
      "delete",
      "DELETE",
      (): string => `/k/v1/records.json${q({ app: customerApp, ids: ["2147483647"] })}`,
      undefined,
    ],
    [
      "manage",
      "GET",
      (): string => `/k/v1/preview/app/form/fields.json${q({ app: customerApp })}`,
      undefined,
    ],
  ] as const)(
    "a token without %s → 403 GAIA_NO01; with it, not 403",
    async (permission, method, path, body) => {
      const all = { view: true, add: true, edit: true, delete: true, manage: true };
      const without = await emu.control.createToken(customerApp, { ...all, [permission]: false });
      const denied = await kintone(emu, method, path(), {
        token: without,
        ...(body ? { body: body() } : {}),
      });
      expect(denied.status).toBe(403);
      expect(denied.body).toMatchObject({
        code: "GAIA_NO01",
        message: "このAPIトークンでは、指定したAPIを実行できません。",
      });
      const withIt = await emu.control.createToken(customerApp, { [permission]: true });
      const allowed = await kintone(emu, method, path(), {
        token: withIt,
        ...(body ? { body: body() } : {}),
      });
      expect(allowed.status).not.toBe(403);
    },
  );

  test("apps.json refuses API tokens (403 GAIA_NO01) and answers a password user", async () => {
    expect((await kintone(emu, "GET", "/k/v1/apps.json", { token: customerToken })).body.code).toBe(
      "GAIA_NO01",
    );
    const res = await kintone(emu, "GET", "/k/v1/apps.json", {
      password: { user: "admin", password: "admin-pass" },
    });
    expect(res.status).toBe(200);
    expect(res.body.apps.map((a: { name: string }) => a.name)).toEqual(
      expect.arrayContaining(["顧客管理(Front Agent)", "活動履歴(Front Agent)"]),
    );
  });

  test("a user without record permission on an app → 403 CB_NO02", async () => {
    const app = await emu.control.createApp({
      name: "restricted",
      fields: [],
      userPermissions: { tanaka: { view: false, add: false, edit: false, delete: false, manage: false } },
    });
    const res = await kintone(emu, "GET", records(app.appId), {
      password: { user: "tanaka", password: "tanaka-pass" },
    });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: "CB_NO02", message: "権限がありません。" });
  });

  test("the User API does not accept app API tokens", async () => {
    expect((await kintone(emu, "GET", "/v1/users.json", { token: customerToken })).status).toBe(401);
    const res = await kintone(emu, "GET", `/v1/users.json${q({ codes: ["yamada"] })}`, {
      password: { user: "admin", password: "admin-pass" },
    });
    expect(res.status).toBe(200);
    expect(res.body.users).toEqual([
      expect.objectContaining({ code: "yamada", name: "山田 太郎", email: "yamada@example.co.jp" }),
    ]);
  });
});

describe("not found and conflicts", () => {
  test("unknown app → 404 GAIA_AP01 with kintone's message, in English on request", async () => {
    const ja = await kintone(emu, "GET", `/k/v1/app.json${q({ id: 9999 })}`, { token: customerToken });
    expect(ja.status).toBe(404);
    expect(ja.body).toMatchObject({
      code: "GAIA_AP01",
      message: "指定したアプリ（id: 9999）が見つかりません。削除されている可能性があります。",
    });
    const en = await kintone(emu, "GET", `/k/v1/app.json${q({ id: 9999 })}`, {
      token: customerToken,
      language: "en",
    });
    expect(en.body.message).toBe("The app (ID: 9999) not found. The app may have been deleted.");
  });

  test("unknown record → 404 GAIA_RE01", async () => {
    const res = await kintone(emu, "GET", `/k/v1/record.json${q({ app: customerApp, id: 99999 })}`, {
      token: customerToken,
    });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("GAIA_RE01");
  });

  test("deleting an unknown id deletes nothing (404 GAIA_RE01)", async () => {
    const path = `/k/v1/records.json${q({ app: customerApp, ids: ["1", "99999"] })}`;
    expect((await kintone(emu, "DELETE", path, { token: customerToken })).body.code).toBe("GAIA_RE01");
    expect(
      (
        await kintone(emu, "GET", `/k/v1/record.json${q({ app: customerApp, id: 1 })}`, {
          token: customerToken,
        })
      ).status,
    ).toBe(200);
  });

  test("a stale revision → 409 GAIA_CO02; -1 skips the check", async () => {
    const put = (revision: number) =>
      kintone(emu, "PUT", "/k/v1/record.json", {
        token: customerToken,
        body: { app: customerApp, id: 3, revision, record: { 部署名: { value: `r${revision}` } } },
      });
    expect((await put(1)).body).toEqual({ revision: "2" });
    const stale = await put(1);
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe("GAIA_CO02");
    expect((await put(-1)).body).toEqual({ revision: "3" });
  });

  test("a guest-space app called through the normal path → 400 GAIA_IL23; the guest path works", async () => {
    const app = await emu.control.createApp({ name: "guest", guestSpaceId: "7", fields: [] });
    const token = app.tokens[0] ?? "";
    expect((await kintone(emu, "GET", records(app.appId), { token })).body.code).toBe("GAIA_IL23");
    const guest = await kintone(emu, "GET", `/k/guest/7/v1/records.json${q({ app: app.appId })}`, { token });
    expect(guest.status).toBe(200);
  });

  test("malformed JSON → 400 CB_IJ01", async () => {
    const res = await fetch(`${emu.url}/k/v1/record.json`, {
      method: "POST",
      headers: { "X-Cybozu-API-Token": customerToken, "Content-Type": "application/json" },
      body: "{not json",
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe("CB_IJ01");
  });
});

describe("validation (CB_VA01 with kintone's errors keys)", () => {
  test("a duplicate 顧客名 → record.顧客名.value, Japanese by default and English on request", async () => {
    const existing = await kintone(emu, "GET", `/k/v1/record.json${q({ app: customerApp, id: 1 })}`, {
      token: customerToken,
    });
    const name = existing.body.record.顧客名.value;
    const body = { app: customerApp, record: { 顧客名: { value: name } } };
    const ja = await kintone(emu, "POST", "/k/v1/record.json", { token: customerToken, body });
    expect(ja.status).toBe(400);
    expect(ja.body).toMatchObject({
      code: "CB_VA01",
      message: "入力内容が正しくありません。",
      errors: { "record.顧客名.value": { messages: ["値がほかのレコードと重複しています。"] } },
    });
    const en = await kintone(emu, "POST", "/k/v1/record.json", {
      token: customerToken,
      body,
      language: "en",
    });
    expect(en.body.errors["record.顧客名.value"].messages).toEqual([
      "This value already exists in another record.",
    ]);
  });

  test("required fields, per record of a batch → records[i].<code>.value, nothing written", async () => {
    const app = await emu.control.createApp({
      name: "required",
      fields: [
        { type: "SINGLE_LINE_TEXT", code: "must", label: "Must", required: true },
        { type: "USER_SELECT", code: "owner", label: "Owner", required: true },
      ],
    });
    const token = app.tokens[0] ?? "";
    const res = await kintone(emu, "POST", "/k/v1/records.json", {
      token,
      body: {
        app: app.appId,
        records: [{ must: { value: "ok" }, owner: { value: [{ code: "sato" }] } }, { must: { value: " " } }],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual({
      "records[1].must.value": { messages: ["必須です。"] },
      "records[1].owner.values.value": { messages: ["必須です。"] },
    });
    const count = await kintone(
      emu,
      "GET",
      `/k/v1/records.json${q({ app: app.appId, totalCount: "true" })}`,
      { token },
    );
    expect(count.body.totalCount).toBe("0");
  });

  test("a field made required later blocks an edit that does not fill it", async () => {
    const app = await emu.control.createApp({
      name: "later",
      fields: [{ type: "SINGLE_LINE_TEXT", code: "a", label: "A" }],
    });
    const token = app.tokens[0] ?? "";
    await kintone(emu, "POST", "/k/v1/record.json", { token, body: { app: app.appId, record: {} } });
    await emu.control.setForm(app.appId, {
      a: { type: "SINGLE_LINE_TEXT", code: "a", label: "A" },
      b: { type: "SINGLE_LINE_TEXT", code: "b", label: "B", required: true },
    });
    const res = await kintone(emu, "PUT", "/k/v1/record.json", {
      token,
      body: { app: app.appId, id: 1, record: { a: { value: "x" } } },
    });
    expect(res.body.errors).toEqual({ "record.b.value": { messages: ["必須です。"] } });
  });

  test("101 records in one write → errors.records with kintone's text", async () => {
    const many = Array.from({ length: 101 }, (_, i) => ({ 顧客名: { value: `多すぎ ${i}` } }));
    const res = await kintone(emu, "POST", "/k/v1/records.json", {
      token: customerToken,
      body: { app: customerApp, records: many },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual({ records: { messages: ["一度に100件までのレコードを追加できます。"] } });
    const upd = await kintone(emu, "PUT", "/k/v1/records.json", {
      token: customerToken,
      body: { app: customerApp, records: many.map((_, i) => ({ id: i + 1 })) },
      language: "en",
    });
    expect(upd.body.errors.records.messages).toEqual([
      "A maximum of 100 records can be updated at one time.",
    ]);
  });

  test("a non-numeric NUMBER reports both keys kintone reports", async () => {
    const app = await emu.control.createApp({
      name: "n",
      fields: [{ type: "NUMBER", code: "amount", label: "Amount" }],
    });
    const res = await kintone(emu, "POST", "/k/v1/record.json", {
      token: app.tokens[0] ?? "",
      body: { app: app.appId, record: { amount: { value: "abc" } } },
      language: "en",
    });
    expect(res.body.errors).toEqual({
      "record[amount].value": { messages: ["Only numbers are allowed."] },
      "record.amount.value": { messages: ["Required."] },
    });
  });
});

describe("query errors", () => {
  test.each([
    ["unknown field", '存在しない = "x"', "GAIA_IQ11"],
    ["operator not allowed for the type", '顧客名 > "x"', "GAIA_IQ03"],
    ["limit over 500", "limit 501", "GAIA_QU01"],
    ["offset over 10,000", "limit 1 offset 10001", "GAIA_QU02"],
  ])("%s → 400 %s", async (_name, query, code) => {
    const res = await kintone(emu, "GET", records(customerApp, query), { token: customerToken });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(code);
  });

  test("a syntax error → CB_VA01 with errors.query", async () => {
    const res = await kintone(emu, "GET", records(customerApp, '顧客名 = "unterminated'), {
      token: customerToken,
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: "CB_VA01",
      errors: { query: { messages: ["クエリ記法が間違っています。"] } },
    });
  });
});

describe("lookups", () => {
  test("a key with no match → 400 GAIA_LO04 without an errors object", async () => {
    const res = await kintone(emu, "POST", "/k/v1/record.json", {
      token: [activityToken, customerToken],
      body: { app: activityApp, record: { 顧客レコード番号: { value: "99999" } } },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("GAIA_LO04");
    expect(res.body.errors).toBeUndefined();
  });
});

describe("cursors", () => {
  test("the 11th live cursor → 429 GAIA_TM12; reading one to the end frees its slot", async () => {
    const create = () =>
      kintone(emu, "POST", "/k/v1/records/cursor.json", {
        token: customerToken,
        body: { app: customerApp, size: 500 },
      });
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await create();
      expect(res.status).toBe(200);
      ids.push(res.body.id);
    }
    const eleventh = await create();
    expect(eleventh.status).toBe(429);
    expect(eleventh.body.code).toBe("GAIA_TM12");
    const page = await kintone(emu, "GET", `/k/v1/records/cursor.json${q({ id: ids[0] ?? "" })}`, {
      token: customerToken,
    });
    expect(page.body.next).toBe(false);
    expect((await create()).status).toBe(200);
    for (const id of ids.slice(1))
      await kintone(emu, "DELETE", "/k/v1/records/cursor.json", { token: customerToken, body: { id } });
  });

  test("deleting or reading a cursor that is gone → 404 GAIA_CN01", async () => {
    const res = await kintone(emu, "DELETE", "/k/v1/records/cursor.json", {
      token: customerToken,
      body: { id: "no-such-cursor" },
    });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("GAIA_CN01");
  });

  test("a cursor expires 10 minutes after its last read", async () => {
    const made = await kintone(emu, "POST", "/k/v1/records/cursor.json", {
      token: customerToken,
      body: { app: customerApp, size: 1 },
    });
    await emu.control.clock({ advanceMs: 10 * 60_000 + 1 });
    try {
      const res = await kintone(emu, "GET", `/k/v1/records/cursor.json${q({ id: made.body.id })}`, {
        token: customerToken,
      });
      expect(res.body.code).toBe("GAIA_CN01");
    } finally {
      await emu.control.clock({ advanceMs: -(10 * 60_000 + 1) });
    }
  });

  test("limit in a cursor query is refused", async () => {
    const res = await kintone(emu, "POST", "/k/v1/records/cursor.json", {
      token: customerToken,
      body: { app: customerApp, query: "limit 10" },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("CB_VA01");
  });
});

describe("limits and failures", () => {
  test("beyond the concurrency limit → 429 GAIA_TO04 with kintone's headers", async () => {
    await emu.control.settings({ concurrencyLimit: 2, latencyMs: 150 });
    try {
      const answers = await Promise.all(
        Array.from({ length: 3 }, () =>
          kintone(emu, "GET", records(customerApp, "limit 1"), { token: customerToken }),
        ),
      );
      const refused = answers.filter((a) => a.status === 429);
      expect(refused).toHaveLength(1);
      expect(refused[0]?.body.code).toBe("GAIA_TO04");
      expect(refused[0]?.headers.get("x-cybozu-error")).toBe("GAIA_TO04");
      expect(refused[0]?.headers.get("x-concurrencylimit-limit")).toBe("2");
      expect(refused[0]?.headers.get("x-concurrencylimit-running")).toBe("3");
      expect((await emu.control.stats()).peakRunning).toBeGreaterThanOrEqual(3);
    } finally {
      await emu.control.settings({ concurrencyLimit: 100, latencyMs: 0 });
    }
  });

  test("every answer carries the concurrency headers", async () => {
    const res = await kintone(emu, "GET", records(customerApp, "limit 1"), { token: customerToken });
    expect(res.headers.get("x-concurrencylimit-limit")).toBe("100");
    expect(res.headers.get("x-concurrencylimit-running")).toBe("1");
  });

  test("injected faults: 429, then a 503 maintenance page (not JSON), then normal service", async () => {
    await emu.control.addFault({ status: 429, path: "/k/v1/records.json", times: 1 });
    await emu.control.addFault({ status: 503, path: "/k/v1/records.json", times: 1 });
    const first = await kintone(emu, "GET", records(customerApp), { token: customerToken });
    expect(first.status).toBe(429);
    expect(first.body.code).toBe("GAIA_TO04");
    const second = await kintone(emu, "GET", records(customerApp), { token: customerToken });
    expect(second.status).toBe(503);
    expect(second.headers.get("content-type")).toMatch(/text\/html/);
    expect((await kintone(emu, "GET", records(customerApp), { token: customerToken })).status).toBe(200);
  });

  test("a slow-response fault delays only the matching request", async () => {
    await emu.control.addFault({ delayMs: 300, path: "/k/v1/record.json", times: 1 });
    const started = performance.now();
    const res = await kintone(emu, "GET", `/k/v1/record.json${q({ app: customerApp, id: 1 })}`, {
      token: customerToken,
    });
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });
});

describe("bulkRequest", () => {
  test("a failure in a later sub-request rolls back the earlier ones, across apps, with {} placeholders", async () => {
    const before = await kintone(
      emu,
      "GET",
      `/k/v1/records.json${q({ app: customerApp, totalCount: "true" })}`,
      {
        token: customerToken,
      },
    );
    const res = await kintone(emu, "POST", "/k/v1/bulkRequest.json", {
      token: [customerToken, activityToken],
      body: {
        requests: [
          {
            method: "POST",
            api: "/k/v1/record.json",
            payload: { app: customerApp, record: { 顧客名: { value: "一括 巻き戻し" } } },
          },
          { method: "PUT", api: "/k/v1/record.json", payload: { app: activityApp, id: 999999, record: {} } },
          { method: "POST", api: "/k/v1/record.json", payload: { app: customerApp, record: {} } },
        ],
      },
    });
    expect(res.status).toBe(404);
    expect(res.body.results[0]).toEqual({});
    expect(res.body.results[1]).toMatchObject({ code: "GAIA_RE01" });
    expect(res.body.results[2]).toEqual({});
    const after = await kintone(
      emu,
      "GET",
      `/k/v1/records.json${q({ app: customerApp, totalCount: "true" })}`,
      {
        token: customerToken,
      },
    );
    expect(after.body.totalCount).toBe(before.body.totalCount);
  });

  test("more than 20 sub-requests, or an API bulkRequest does not allow, is refused", async () => {
    const sub = { method: "POST", api: "/k/v1/record.json", payload: { app: customerApp, record: {} } };
    const many = await kintone(emu, "POST", "/k/v1/bulkRequest.json", {
      token: customerToken,
      body: { requests: Array.from({ length: 21 }, () => sub) },
    });
    expect(many.status).toBe(400);
    expect(many.body.code).toBe("CB_VA01");
    const read = await kintone(emu, "POST", "/k/v1/bulkRequest.json", {
      token: customerToken,
      body: { requests: [{ method: "GET", api: "/k/v1/records.json", payload: { app: customerApp } }] },
    });
    expect(read.status).toBe(400);
  });
});
