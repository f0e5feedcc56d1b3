import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type FieldProperty, templateSeed } from "../src/index.ts";
import { emulatorWith, kintone, q, type TestEmulator } from "./helpers.ts";

// Record behaviour our import and export depend on (kintone-facts.md §2, §7): strings everywhere,
// minute-precision times, lookups, record numbers, tables, defaults, revisions.
let emu: TestEmulator;

beforeAll(async () => {
  emu = await emulatorWith(templateSeed({ customers: 5 }));
});
afterAll(() => emu.close());

async function appWith(fields: FieldProperty[], code?: string) {
  const app = await emu.control.createApp({ name: "test", fields, ...(code ? { code } : {}) });
  return { appId: app.appId, token: app.tokens[0] ?? "" };
}

describe("values and times", () => {
  test("CREATED/UPDATED times are kept to the minute: two writes in one minute share a timestamp", async () => {
    const { appId, token } = await appWith([{ type: "SINGLE_LINE_TEXT", code: "t", label: "T" }]);
    await emu.control.clock({ now: "2026-11-24T09:30:05Z" });
    try {
      await kintone(emu, "POST", "/k/v1/record.json", {
        token,
        body: { app: appId, record: { t: { value: "a" } } },
      });
      await emu.control.clock({ now: "2026-11-24T09:30:59Z" });
      await kintone(emu, "POST", "/k/v1/record.json", {
        token,
        body: { app: appId, record: { t: { value: "b" } } },
      });
      await emu.control.clock({ now: "2026-11-24T09:31:00Z" });
      await kintone(emu, "PUT", "/k/v1/record.json", {
        token,
        body: { app: appId, id: 1, record: { t: { value: "a2" } } },
      });
      const res = await kintone(
        emu,
        "GET",
        `/k/v1/records.json${q({ app: appId, query: "order by $id asc" })}`,
        { token },
      );
      const times = res.body.records.map((r: Record<string, { value: string }>) => [
        r.作成日時?.value,
        r.更新日時?.value,
      ]);
      expect(times).toEqual([
        ["2026-11-24T09:30:00Z", "2026-11-24T09:31:00Z"],
        ["2026-11-24T09:30:00Z", "2026-11-24T09:30:00Z"],
      ]);
      const same = await kintone(
        emu,
        "GET",
        `/k/v1/records.json${q({ app: appId, query: '更新日時 = "2026-11-24T09:30:00Z"' })}`,
        {
          token,
        },
      );
      expect(same.body.records.map((r: Record<string, { value: string }>) => r.t?.value)).toEqual(["b"]);
    } finally {
      await emu.control.clock({ now: null });
    }
  });

  test("values are strings, NUMBER normalised, DATE padded, DATETIME seconds dropped and stored in UTC", async () => {
    const { appId, token } = await appWith([
      { type: "NUMBER", code: "n", label: "N" },
      { type: "DATE", code: "d", label: "D" },
      { type: "DATETIME", code: "dt", label: "DT" },
    ]);
    const added = await kintone(emu, "POST", "/k/v1/record.json", {
      token,
      body: {
        app: appId,
        record: {
          n: { value: " 1.5e1 " },
          d: { value: "2015-7" },
          dt: { value: "2026-11-24T18:30:45+09:00" },
        },
      },
    });
    expect(added.body).toEqual({ id: "1", revision: "1" });
    const res = await kintone(emu, "GET", `/k/v1/record.json${q({ app: appId, id: 1 })}`, { token });
    expect(res.body.record.n).toEqual({ type: "NUMBER", value: "15" });
    expect(res.body.record.d).toEqual({ type: "DATE", value: "2015-07-01" });
    expect(res.body.record.dt).toEqual({ type: "DATETIME", value: "2026-11-24T09:30:00Z" });
    expect(res.body.record.$id).toEqual({ type: "__ID__", value: "1" });
    expect(res.body.record.$revision).toEqual({ type: "__REVISION__", value: "1" });
  });

  test("default values are applied on POST only, and an explicit empty value stays empty", async () => {
    const { appId, token } = await appWith([
      { type: "SINGLE_LINE_TEXT", code: "s", label: "S", defaultValue: "既定" },
      { type: "SINGLE_LINE_TEXT", code: "e", label: "E", defaultValue: "既定" },
    ]);
    await kintone(emu, "POST", "/k/v1/record.json", {
      token,
      body: { app: appId, record: { e: { value: "" } } },
    });
    const res = await kintone(emu, "GET", `/k/v1/record.json${q({ app: appId, id: 1 })}`, { token });
    expect(res.body.record.s.value).toBe("既定");
    expect(res.body.record.e.value).toBe("");
  });

  test("without order by, records come newest id first; fields limits the keys", async () => {
    const { appId, token } = await appWith([{ type: "SINGLE_LINE_TEXT", code: "t", label: "T" }]);
    const body = { app: appId, records: ["a", "b", "c"].map((t) => ({ t: { value: t } })) };
    expect((await kintone(emu, "POST", "/k/v1/records.json", { token, body })).body).toEqual({
      ids: ["1", "2", "3"],
      revisions: ["1", "1", "1"],
    });
    const res = await kintone(emu, "GET", `/k/v1/records.json${q({ app: appId, fields: ["t"] })}`, { token });
    expect(res.body).toEqual({
      records: [
        { t: { type: "SINGLE_LINE_TEXT", value: "c" } },
        { t: { type: "SINGLE_LINE_TEXT", value: "b" } },
        { t: { type: "SINGLE_LINE_TEXT", value: "a" } },
      ],
      totalCount: null,
    });
  });

  test("a long GET sent as POST with X-HTTP-Method-Override: GET is answered as the GET", async () => {
    const { appId, token } = await appWith([{ type: "SINGLE_LINE_TEXT", code: "t", label: "T" }]);
    await kintone(emu, "POST", "/k/v1/record.json", {
      token,
      body: { app: appId, record: { t: { value: "x" } } },
    });
    const res = await kintone(emu, "POST", "/k/v1/records.json", {
      token,
      headers: { "X-HTTP-Method-Override": "GET" },
      body: { app: appId, query: 't in ("x")', fields: ["t"] },
    });
    expect(res.status).toBe(200);
    expect(res.body.records).toEqual([{ t: { type: "SINGLE_LINE_TEXT", value: "x" } }]);
  });

  test("API-token writes are made by Administrator; password writes by the user", async () => {
    const { appId, token } = await appWith([{ type: "SINGLE_LINE_TEXT", code: "t", label: "T" }]);
    await kintone(emu, "POST", "/k/v1/record.json", { token, body: { app: appId, record: {} } });
    await kintone(emu, "POST", "/k/v1/record.json", {
      password: { user: "sato", password: "sato-pass" },
      body: { app: appId, record: {} },
    });
    const res = await kintone(
      emu,
      "GET",
      `/k/v1/records.json${q({ app: appId, query: "order by $id asc" })}`,
      { token },
    );
    expect(res.body.records.map((r: { 作成者: { value: { code: string } } }) => r.作成者.value.code)).toEqual(
      ["Administrator", "sato"],
    );
  });

  test("CREATOR can be set on POST with app management, and only then", async () => {
    const { appId, token } = await appWith([{ type: "SINGLE_LINE_TEXT", code: "t", label: "T" }]);
    const ok = await kintone(emu, "POST", "/k/v1/record.json", {
      token,
      body: { app: appId, record: { 作成者: { value: { code: "yamada" } } } },
    });
    const rec = await kintone(emu, "GET", `/k/v1/record.json${q({ app: appId, id: ok.body.id })}`, { token });
    expect(rec.body.record.作成者.value).toEqual({ code: "yamada", name: "山田 太郎" });
    const addOnly = await emu.control.createToken(appId, { add: true });
    const denied = await kintone(emu, "POST", "/k/v1/record.json", {
      token: addOnly,
      body: { app: appId, record: { 作成者: { value: { code: "yamada" } } } },
    });
    expect(denied.status).toBe(403);
    const unknown = await kintone(emu, "POST", "/k/v1/record.json", {
      token,
      body: { app: appId, record: { 作成者: { value: { code: "ghost" } } } },
    });
    expect(unknown.body.code).toBe("GAIA_IL26");
  });
});

describe("system fields on PUT (README: uncertain kintone behaviours)", () => {
  const yamada = { 作成者: { value: { code: "yamada" } } };

  test("作成者 is set by a POST (token with app management), not by an upsert that inserts", async () => {
    const { appId, token } = await appWith([
      { type: "SINGLE_LINE_TEXT", code: "eventId", label: "Event", unique: true },
    ]);
    const creatorOf = async (id: string) =>
      (await kintone(emu, "GET", `/k/v1/record.json${q({ app: appId, id })}`, { token })).body.record.作成者
        .value;
    const added = await kintone(emu, "POST", "/k/v1/record.json", {
      token,
      body: { app: appId, record: { eventId: { value: "evt-post" }, ...yamada } },
    });
    expect(added.status).toBe(200);
    expect(await creatorOf(added.body.id)).toEqual({ code: "yamada", name: "山田 太郎" });

    const upserted = await kintone(emu, "PUT", "/k/v1/records.json", {
      token,
      body: {
        app: appId,
        upsert: true,
        records: [{ updateKey: { field: "eventId", value: "evt-upsert" }, record: yamada }],
      },
    });
    expect(upserted.status).toBe(200);
    const [insert] = upserted.body.records;
    expect(insert.operation).toBe("INSERT");
    expect(await creatorOf(insert.id)).toEqual({ code: "Administrator", name: "Administrator" });
  });

  test("an update naming a system field is refused whole with GAIA_UN10, in kintone's type words", async () => {
    const { appId, token } = await appWith([
      { type: "SINGLE_LINE_TEXT", code: "eventId", label: "Event", unique: true },
      { type: "SINGLE_LINE_TEXT", code: "t", label: "T" },
    ]);
    await kintone(emu, "POST", "/k/v1/record.json", {
      token,
      body: { app: appId, record: { eventId: { value: "evt-1" }, t: { value: "before" } } },
    });
    const update = await kintone(emu, "PUT", "/k/v1/record.json", {
      token,
      body: { app: appId, id: 1, record: { t: { value: "after" }, ...yamada } },
    });
    expect(update.status).toBe(400);
    expect(update.body).toMatchObject({
      code: "GAIA_UN10",
      message: "CREATOR型のフィールドに値を設定することはできません。",
    });
    const upsertUpdate = await kintone(emu, "PUT", "/k/v1/records.json", {
      token,
      body: {
        app: appId,
        upsert: true,
        records: [
          {
            updateKey: { field: "eventId", value: "evt-1" },
            record: { t: { value: "after" }, 更新日時: { value: "2020-01-01T00:00:00Z" } },
          },
        ],
      },
    });
    expect(upsertUpdate.body).toMatchObject({
      code: "GAIA_UN10",
      message: "MODIFIED_AT型のフィールドに値を設定することはできません。",
    });
    const rec = await kintone(emu, "GET", `/k/v1/record.json${q({ app: appId, id: 1 })}`, { token });
    expect(rec.body.record.t.value).toBe("before");
    expect(rec.body.record.$revision.value).toBe("1");
  });
});

describe("record numbers and lookups", () => {
  test("RECORD_NUMBER carries the app code when the app has one, and a lookup keyed on it still finds the record", async () => {
    const customers = await appWith(
      [{ type: "SINGLE_LINE_TEXT", code: "name", label: "Name", unique: true }],
      "CUST",
    );
    const activities = await emu.control.createApp({
      name: "activities",
      fields: [
        {
          type: "SINGLE_LINE_TEXT",
          code: "customerNo",
          label: "Customer",
          lookup: {
            relatedApp: { app: customers.appId, code: "CUST" },
            relatedKeyField: "レコード番号",
            fieldMappings: [{ field: "customerName", relatedField: "name" }],
          },
        },
        { type: "SINGLE_LINE_TEXT", code: "customerName", label: "Customer name" },
      ],
    });
    const activityToken = activities.tokens[0] ?? "";
    await kintone(emu, "POST", "/k/v1/record.json", {
      token: customers.token,
      body: { app: customers.appId, record: { name: { value: "佐藤 花子" } } },
    });
    const c = await kintone(emu, "GET", `/k/v1/record.json${q({ app: customers.appId, id: 1 })}`, {
      token: customers.token,
    });
    expect(c.body.record.レコード番号.value).toBe("CUST-1");

    const tokens = [activityToken, customers.token];
    const added = await kintone(emu, "POST", "/k/v1/record.json", {
      token: tokens,
      body: { app: activities.appId, record: { customerNo: { value: "CUST-1" } } },
    });
    expect(added.status).toBe(200);
    const get = () =>
      kintone(emu, "GET", `/k/v1/record.json${q({ app: activities.appId, id: added.body.id })}`, {
        token: activityToken,
      });
    expect((await get()).body.record.customerName.value).toBe("佐藤 花子");

    // Later edits in the source are not propagated; a PUT without the key keeps the copy.
    await kintone(emu, "PUT", "/k/v1/record.json", {
      token: customers.token,
      body: { app: customers.appId, id: 1, record: { name: { value: "佐藤 花子(改)" } } },
    });
    await kintone(emu, "PUT", "/k/v1/record.json", {
      token: tokens,
      body: { app: activities.appId, id: added.body.id, record: {} },
    });
    expect((await get()).body.record.customerName.value).toBe("佐藤 花子");
    // Sending the key again re-copies; an empty key clears.
    await kintone(emu, "PUT", "/k/v1/record.json", {
      token: tokens,
      body: { app: activities.appId, id: added.body.id, record: { customerNo: { value: "CUST-1" } } },
    });
    expect((await get()).body.record.customerName.value).toBe("佐藤 花子(改)");
    await kintone(emu, "PUT", "/k/v1/record.json", {
      token: tokens,
      body: { app: activities.appId, id: added.body.id, record: { customerNo: { value: "" } } },
    });
    expect((await get()).body.record.customerName.value).toBe("");
  });

  test("a lookup whose source token may not view records → GAIA_LO04", async () => {
    const apps = emu.seed?.apps ?? {};
    const customerApp = apps.customer?.appId ?? "";
    const addOnly = await emu.control.createToken(customerApp, { add: true });
    const res = await kintone(emu, "POST", "/k/v1/record.json", {
      token: [apps.activity?.tokens[0] ?? "", addOnly],
      body: { app: apps.activity?.appId, record: { 顧客レコード番号: { value: "1" } } },
    });
    expect(res.body.code).toBe("GAIA_LO04");
  });
});

describe("tables and updates", () => {
  test("subtable rows: known ids merge, unknown or missing ids are new rows, unlisted rows are deleted", async () => {
    const { appId, token } = await appWith([
      {
        type: "SUBTABLE",
        code: "rows",
        label: "Rows",
        fields: {
          a: { type: "SINGLE_LINE_TEXT", code: "a", label: "A" },
          b: { type: "NUMBER", code: "b", label: "B" },
        },
      },
    ]);
    await kintone(emu, "POST", "/k/v1/record.json", {
      token,
      body: {
        app: appId,
        record: {
          rows: {
            value: [{ value: { a: { value: "1" }, b: { value: "10" } } }, { value: { a: { value: "2" } } }],
          },
        },
      },
    });
    const read = async () =>
      (await kintone(emu, "GET", `/k/v1/record.json${q({ app: appId, id: 1 })}`, { token })).body.record.rows
        .value;
    const [first, second] = await read();
    expect(first.value.b).toEqual({ type: "NUMBER", value: "10" });
    await kintone(emu, "PUT", "/k/v1/record.json", {
      token,
      body: {
        app: appId,
        id: 1,
        record: {
          rows: {
            value: [
              { id: first.id, value: { a: { value: "1b" } } },
              { value: { a: { value: "3" }, b: { value: "not a number" } } },
            ],
          },
        },
      },
    });
    const after = await read();
    expect(after).toHaveLength(2);
    expect(after[0]).toMatchObject({ id: first.id, value: { a: { value: "1b" }, b: { value: "10" } } });
    expect(after[1].id).not.toBe(second.id);
    // Inside a table kintone empties a non-numeric number instead of refusing it.
    expect(after[1].value.b.value).toBe("");
  });

  test("update by updateKey needs a unique field and finds the record by it", async () => {
    const { appId, token } = await appWith([
      { type: "SINGLE_LINE_TEXT", code: "key", label: "Key", unique: true },
      { type: "SINGLE_LINE_TEXT", code: "plain", label: "Plain" },
    ]);
    await kintone(emu, "POST", "/k/v1/record.json", {
      token,
      body: { app: appId, record: { key: { value: "evt-1" }, plain: { value: "p" } } },
    });
    const ok = await kintone(emu, "PUT", "/k/v1/record.json", {
      token,
      body: { app: appId, updateKey: { field: "key", value: "evt-1" }, record: { plain: { value: "q" } } },
    });
    expect(ok.body).toEqual({ revision: "2" });
    const notUnique = await kintone(emu, "PUT", "/k/v1/record.json", {
      token,
      body: { app: appId, updateKey: { field: "plain", value: "q" }, record: {} },
    });
    expect(notUnique.status).toBe(400);
    expect(notUnique.body.code).toBe("CB_VA01");
  });

  test("upsert on records.json reports INSERT then UPDATE for the same key, never a duplicate", async () => {
    const { appId, token } = await appWith([
      { type: "SINGLE_LINE_TEXT", code: "eventId", label: "Event", unique: true },
    ]);
    const upsert = () =>
      kintone(emu, "PUT", "/k/v1/records.json", {
        token,
        body: {
          app: appId,
          upsert: true,
          records: [{ updateKey: { field: "eventId", value: "evt-9" }, record: {} }],
        },
      });
    expect((await upsert()).body.records).toEqual([{ id: "1", revision: "1", operation: "INSERT" }]);
    expect((await upsert()).body.records).toEqual([{ id: "1", revision: "2", operation: "UPDATE" }]);
    const count = await kintone(emu, "GET", `/k/v1/records.json${q({ app: appId, totalCount: "true" })}`, {
      token,
    });
    expect(count.body.totalCount).toBe("1");
  });
});

describe("app information", () => {
  test("app.json answers kintone's shape with string ids", async () => {
    const apps = emu.seed?.apps ?? {};
    const res = await kintone(emu, "GET", `/k/v1/app.json${q({ id: apps.customer?.appId ?? "" })}`, {
      token: apps.customer?.tokens[0] ?? "",
    });
    expect(res.body).toMatchObject({
      appId: apps.customer?.appId,
      code: "",
      name: "顧客管理(Front Agent)",
      spaceId: null,
      threadId: null,
    });
    expect(res.body.creator).toEqual({ code: "Administrator", name: "Administrator" });
  });

  test("the activity template's lookup points at the customer app's record number and copies 顧客名 and 会社名", async () => {
    const apps = emu.seed?.apps ?? {};
    const res = await kintone(
      emu,
      "GET",
      `/k/v1/app/form/fields.json${q({ app: apps.activity?.appId ?? "" })}`,
      {
        token: apps.activity?.tokens[0] ?? "",
      },
    );
    expect(res.body.properties.顧客レコード番号).toMatchObject({
      type: "NUMBER",
      lookup: {
        relatedApp: { app: apps.customer?.appId },
        relatedKeyField: "レコード番号",
        fieldMappings: [
          { field: "顧客名", relatedField: "顧客名" },
          { field: "会社名", relatedField: "会社名" },
        ],
      },
    });
    expect(res.body.properties.FrontAgentイベントID).toMatchObject({
      type: "SINGLE_LINE_TEXT",
      unique: true,
    });
    expect(res.body.properties.担当者).toMatchObject({ type: "USER_SELECT" });
    const layout = await kintone(
      emu,
      "GET",
      `/k/v1/app/form/layout.json${q({ app: apps.activity?.appId ?? "" })}`,
      {
        token: apps.activity?.tokens[0] ?? "",
      },
    );
    expect(layout.body.layout).toContainEqual({
      type: "ROW",
      fields: [{ type: "NUMBER", code: "顧客レコード番号", size: { width: "193" } }],
    });
  });
});

describe("API tokens", () => {
  test("look like kintone's: 40 letters and digits (never a leading '-' a CLI would read as an option)", async () => {
    const apps = emu.seed?.apps ?? {};
    const tokens = [apps.customer?.tokens[0], apps.activity?.tokens[0]];
    for (let i = 0; i < 200; i++)
      tokens.push(await emu.control.createToken(apps.customer?.appId ?? "", { view: true }));
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9]{40}$/);
  });
});
