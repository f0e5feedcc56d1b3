import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { templateSeed } from "../src/index.ts";
import { emulatorWith, kintone, q, type TestEmulator } from "./helpers.ts";

// The backend learns an API token's permissions from kintone's answers to the requests below (the server's
// probes.ts; docs/kintone-probes.md has the evidence for each answer). The emulator stands in for kintone in
// every test, so each answer is pinned here on the wire, for a token with the permission and one without.
// README "Uncertain kintone behaviours": row "a token lacking a permission, refused before its request's
// records are looked at".
let emu: TestEmulator;
let app: string;

const ALL = { view: true, add: true, edit: true, delete: true, manage: true };
const NO_SUCH_RECORD = 2147483647;

beforeAll(async () => {
  emu = await emulatorWith(templateSeed({ customers: 5 }));
  app = emu.seed?.apps.customer?.appId ?? "";
});
afterAll(() => emu.close());

const tokenWith = (permissions: Partial<typeof ALL>) => emu.control.createToken(app, permissions);
const without = (permission: keyof typeof ALL) => tokenWith({ ...ALL, [permission]: false });

async function recordIds(appId = app, token?: string): Promise<string[]> {
  const res = await kintone(
    emu,
    "GET",
    `/k/v1/records.json${q({ app: appId, query: "order by $id asc limit 500", fields: ["$id"] })}`,
    { token: token ?? (await tokenWith({ view: true })) },
  );
  return res.body.records.map((r: { $id: { value: string } }) => r.$id.value);
}

const addProbe = (appId = app) => ({
  requests: [
    { method: "POST", api: "/k/v1/record.json", payload: { app: appId } },
    { method: "PUT", api: "/k/v1/record.json", payload: { app: appId, id: NO_SUCH_RECORD } },
  ],
});

describe("the permission probes, as kintone answers them", () => {
  test("view: GET records.json limit 1 → 200; without レコード閲覧 403 GAIA_NO01", async () => {
    const path = `/k/v1/records.json${q({ app, query: "limit 1", fields: ["$id"] })}`;
    const yes = await kintone(emu, "GET", path, { token: await tokenWith({ view: true }) });
    expect(yes.status).toBe(200);
    const no = await kintone(emu, "GET", path, { token: await without("view") });
    expect([no.status, no.body.code]).toEqual([403, "GAIA_NO01"]);
  });

  test("manage: GET preview/app/form/fields.json → 200; without アプリ管理 403 GAIA_NO01", async () => {
    const path = `/k/v1/preview/app/form/fields.json${q({ app })}`;
    const yes = await kintone(emu, "GET", path, { token: await tokenWith({ manage: true }) });
    expect(yes.status).toBe(200);
    const no = await kintone(emu, "GET", path, { token: await without("manage") });
    expect([no.status, no.body.code]).toEqual([403, "GAIA_NO01"]);
  });

  test("edit: PUT record.json of a record that cannot exist → 404 GAIA_RE01; without レコード編集 403 GAIA_NO01 first", async () => {
    const body = { app, id: NO_SUCH_RECORD };
    const yes = await kintone(emu, "PUT", "/k/v1/record.json", {
      body,
      token: await tokenWith({ edit: true }),
    });
    expect([yes.status, yes.body.code]).toEqual([404, "GAIA_RE01"]);
    const no = await kintone(emu, "PUT", "/k/v1/record.json", { body, token: await without("edit") });
    expect([no.status, no.body.code]).toEqual([403, "GAIA_NO01"]);
  });

  test("add: the bulkRequest fails at the PUT once the add went through, at the add without レコード追加; nothing stays", async () => {
    const before = await recordIds();
    const run = async (token: string) => {
      const res = await kintone(emu, "POST", "/k/v1/bulkRequest.json", { body: addProbe(), token });
      const at = res.body.results.findIndex((r: object) => Object.keys(r).length > 0);
      return [res.status, at, res.body.results[at]?.code];
    };
    expect(await run(await tokenWith(ALL))).toEqual([404, 1, "GAIA_RE01"]);
    expect(await run(await tokenWith({ add: true }))).toEqual([403, 1, "GAIA_NO01"]);
    expect(await run(await without("add"))).toEqual([403, 0, "GAIA_NO01"]);
    expect(await recordIds()).toEqual(before);
  });

  test("add in an app with a required field: the empty record is refused at index 0 with the field's key", async () => {
    const strict = await emu.control.createApp({
      name: "必須あり",
      fields: [{ type: "SINGLE_LINE_TEXT", code: "件名", label: "件名", required: true }],
    });
    const res = await kintone(emu, "POST", "/k/v1/bulkRequest.json", {
      body: addProbe(strict.appId),
      token: await emu.control.createToken(strict.appId, { add: true }),
    });
    expect(res.status).toBe(400);
    expect(res.body.results[0]).toMatchObject({ code: "CB_VA01" });
    expect(Object.keys(res.body.results[0].errors)).toEqual(["record.件名.value"]);
    expect(res.body.results[1]).toEqual({});
    expect(await recordIds(strict.appId, strict.tokens[0])).toEqual([]);
  });

  test("the empty writes (records: []) the probes no longer rely on: 200 for a token that may, GAIA_NO01 first for one that may not", async () => {
    for (const [method, permission, answer] of [
      ["POST", "add", { ids: [], revisions: [] }],
      ["PUT", "edit", { records: [] }],
    ] as const) {
      const body = { app, records: [] };
      const yes = await kintone(emu, method, "/k/v1/records.json", { body, token: await tokenWith(ALL) });
      expect([yes.status, yes.body]).toEqual([200, answer]);
      const no = await kintone(emu, method, "/k/v1/records.json", { body, token: await without(permission) });
      expect([no.status, no.body.code]).toEqual([403, "GAIA_NO01"]);
    }
  });
});
