import { KintoneAllRecordsError, KintoneRestAPIClient, KintoneRestAPIError } from "@kintone/rest-api-client";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { emulatorWith, kintone, q, type TestEmulator } from "./helpers.ts";

// The official client's bulk helpers, run unmodified against the emulator with enough records to cross
// their chunking: 100 records per sub-request, 20 sub-requests (2,000 records) per bulkRequest, 500 per read.
// Every test then reads what the app holds over raw HTTP, not through the helper under test.
// The revision cases pin kintone's rule (records/write.ts revisionMismatch): absent, null or -1 → not checked.
let emu: TestEmulator;

beforeAll(async () => {
  emu = await emulatorWith();
});
afterAll(() => emu.close());

const MANY = 2_100;

interface Held {
  id: string;
  revision: string;
  名前: string;
  数: string;
  メモ: string;
}

/** A fresh app (名前 unique, for updateKey) holding `count` records 名前 r0…, 数 0…, メモ "". */
async function appWith(count: number) {
  const app = await emu.control.createApp({
    name: "bulk",
    fields: [
      { type: "SINGLE_LINE_TEXT", code: "名前", label: "名前", unique: true },
      { type: "NUMBER", code: "数", label: "数" },
      { type: "SINGLE_LINE_TEXT", code: "メモ", label: "メモ" },
    ],
  });
  if (count > 0)
    await emu.control.addRecords(
      app.appId,
      Array.from({ length: count }, (_, i) => ({ 名前: { value: `r${i}` }, 数: { value: String(i) } })),
    );
  const token = app.tokens[0] ?? "";
  return {
    appId: app.appId,
    client: new KintoneRestAPIClient({ baseUrl: emu.url, auth: { apiToken: token } }),
    /** What the app holds, in $id order, read by raw `$id` seeks. */
    async held(): Promise<Held[]> {
      const out: Held[] = [];
      for (let last = 0; ; ) {
        const res = await kintone(
          emu,
          "GET",
          `/k/v1/records.json${q({ app: app.appId, query: `$id > ${last} order by $id asc limit 500` })}`,
          { token },
        );
        expect(res.status).toBe(200);
        const page = res.body.records as Array<Record<string, { value: string }>>;
        for (const r of page)
          out.push({
            id: r.$id?.value ?? "",
            revision: r.$revision?.value ?? "",
            名前: r.名前?.value ?? "",
            数: r.数?.value ?? "",
            メモ: r.メモ?.value ?? "",
          });
        if (page.length < 500) return out;
        last = Number(out.at(-1)?.id);
      }
    },
  };
}

/** The bulkRequests sent since `since`, as the number of records in each of their sub-requests. */
async function bulkShapes(since: string): Promise<number[][]> {
  const calls = await emu.control.requests("/k/v1/bulkRequest.json");
  return calls
    .filter((c) => c.at >= since)
    .map((c) =>
      (c.params.requests as Array<{ payload: { records?: unknown[]; ids?: unknown[] } }>).map(
        (r) => (r.payload.records ?? r.payload.ids ?? []).length,
      ),
    );
}

const TWO_CHUNKS = [Array.from({ length: 20 }, () => 100), [100]];

describe("addAllRecords", () => {
  test("2,100 records go as two bulkRequests (20 × 100, then 1 × 100) and all are held, in order", async () => {
    const app = await appWith(0);
    const since = new Date().toISOString();
    const records = Array.from({ length: MANY }, (_, i) => ({
      名前: { value: `n${i}` },
      数: { value: String(i) },
    }));
    const result = await app.client.record.addAllRecords({ app: app.appId, records });
    expect(await bulkShapes(since)).toEqual(TWO_CHUNKS);
    expect(result.records).toHaveLength(MANY);
    expect(result.records.every((r) => r.revision === "1")).toBe(true);
    const held = await app.held();
    expect(held.map((r) => r.id)).toEqual(result.records.map((r) => r.id));
    expect(held.map((r) => r.名前)).toEqual(records.map((r) => r.名前.value));
    expect(held.every((r) => r.revision === "1" && r.メモ === "")).toBe(true);
  });
});

describe("reading every record", () => {
  test("getAllRecordsWithId, getAllRecordsWithOffset, getAllRecordsWithCursor and getAllRecords return what is held", async () => {
    const app = await appWith(MANY);
    const held = await app.held();
    const byId = held.map((r) => [r.id, r.名前]);
    const byNumberDesc = [...held].sort((a, b) => Number(b.数) - Number(a.数)).map((r) => [r.id, r.名前]);
    const pairs = (records: Array<Record<string, { value: unknown }>>) =>
      records.map((r) => [r.$id?.value, r.名前?.value]);
    const c = app.client.record;

    const since = new Date().toISOString();
    expect(pairs(await c.getAllRecordsWithId({ app: app.appId }))).toEqual(byId);
    const seeks = (await emu.control.requests("/k/v1/records.json")).filter((r) => r.at >= since);
    expect(seeks.map((r) => r.params.query)).toEqual(
      [0, 500, 1000, 1500, 2000].map((id) => `$id > ${id} order by $id asc limit 500`),
    );

    // fields without $id: the client adds it for its seek.
    const some = await c.getAllRecordsWithId({ app: app.appId, fields: ["名前"], condition: "数 >= 1000" });
    expect(some.map((r) => Object.keys(r).sort())).toEqual(some.map(() => ["$id", "名前"]));
    expect(pairs(some)).toEqual(byId.slice(1000));

    expect(pairs(await c.getAllRecordsWithOffset({ app: app.appId, orderBy: "数 desc" }))).toEqual(
      byNumberDesc,
    );
    expect(pairs(await c.getAllRecordsWithCursor({ app: app.appId, query: "order by 数 desc" }))).toEqual(
      byNumberDesc,
    );
    expect((await emu.control.stats()).cursors).toBe(0);
    expect(pairs(await c.getAllRecords({ app: app.appId }))).toEqual(byId);
    expect(pairs(await c.getAllRecords({ app: app.appId, orderBy: "数 desc" }))).toEqual(byNumberDesc);
    expect(pairs(await c.getAllRecords({ app: app.appId, orderBy: "数 desc", withCursor: false }))).toEqual(
      byNumberDesc,
    );
  });
});

describe("updateAllRecords", () => {
  test("by id without revisions: two bulkRequests, every record updated once", async () => {
    const app = await appWith(MANY);
    const before = await app.held();
    const since = new Date().toISOString();
    const result = await app.client.record.updateAllRecords({
      app: app.appId,
      records: before.map((r) => ({ id: r.id, record: { メモ: { value: `m${r.数}` } } })),
    });
    expect(await bulkShapes(since)).toEqual(TWO_CHUNKS);
    expect(result.records.map((r) => [r.id, r.revision])).toEqual(before.map((r) => [r.id, "2"]));
    const held = await app.held();
    expect(held.map((r) => [r.id, r.revision, r.名前, r.メモ])).toEqual(
      before.map((r) => [r.id, "2", r.名前, `m${r.数}`]),
    );
  });

  test("by id, revision absent, null, -1 or the current one: all written", async () => {
    const app = await appWith(4);
    const [a, b, c, d] = await app.held();
    const revisions = {
      [a?.id ?? ""]: undefined,
      [b?.id ?? ""]: null,
      [c?.id ?? ""]: -1,
      [d?.id ?? ""]: "1",
    };
    await app.client.record.updateAllRecords({
      app: app.appId,
      records: Object.entries(revisions).map(([id, revision]) => ({
        id,
        ...(revision === undefined ? {} : { revision: revision as string }),
        record: { メモ: { value: "ok" } },
      })),
    });
    expect((await app.held()).map((r) => [r.revision, r.メモ])).toEqual([
      ["2", "ok"],
      ["2", "ok"],
      ["2", "ok"],
      ["2", "ok"],
    ]);
  });

  test("a stale revision in the second sub-request: GAIA_CO02 and nothing of the chunk written", async () => {
    const app = await appWith(250);
    const before = await app.held();
    const error = await app.client.record
      .updateAllRecords({
        app: app.appId,
        records: before.map((r, i) => ({
          id: r.id,
          revision: i === 160 ? "7" : r.revision,
          record: { メモ: { value: "x" } },
        })),
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KintoneAllRecordsError);
    expect(error).toMatchObject({ numOfProcessedRecords: 0, numOfAllRecords: 250 });
    const cause = (error as KintoneAllRecordsError).error as KintoneRestAPIError;
    expect(cause).toMatchObject({ code: "GAIA_CO02", status: 409, bulkRequestIndex: 1 });
    expect(await app.held()).toEqual(before);
  });

  test("by updateKey: two bulkRequests; with upsert the unknown keys are added", async () => {
    const app = await appWith(MANY);
    const before = await app.held();
    const since = new Date().toISOString();
    await app.client.record.updateAllRecords({
      app: app.appId,
      records: before.map((r) => ({
        updateKey: { field: "名前", value: r.名前 },
        record: { 数: { value: String(Number(r.数) * 2) } },
      })),
    });
    expect(await bulkShapes(since)).toEqual(TWO_CHUNKS);
    const updated = await app.held();
    expect(updated.map((r) => [r.id, r.revision, r.数])).toEqual(
      before.map((r) => [r.id, "2", String(Number(r.数) * 2)]),
    );

    const upserted = await app.client.record.updateAllRecords({
      app: app.appId,
      upsert: true,
      records: ["r0", "新しい", "r1"].map((name) => ({
        updateKey: { field: "名前", value: name },
        record: { メモ: { value: "upsert" } },
      })),
    });
    expect(upserted.records.map((r) => ("operation" in r ? r.operation : null))).toEqual([
      "UPDATE",
      "INSERT",
      "UPDATE",
    ]);
    const held = await app.held();
    expect(held).toHaveLength(MANY + 1);
    expect(held.filter((r) => r.メモ === "upsert").map((r) => [r.名前, r.revision])).toEqual([
      ["r0", "3"],
      ["r1", "3"],
      ["新しい", "1"],
    ]);
  });
});

describe("deleteAllRecords", () => {
  test("records given without revisions (sent as revisions: [null, …]): two bulkRequests, nothing left", async () => {
    const app = await appWith(MANY);
    const before = await app.held();
    const since = new Date().toISOString();
    await app.client.record.deleteAllRecords({ app: app.appId, records: before.map((r) => ({ id: r.id })) });
    const calls = (await emu.control.requests("/k/v1/bulkRequest.json")).filter((c) => c.at >= since);
    const first = calls[0]?.params.requests as Array<{ payload: { revisions: unknown[] } }>;
    expect(first[0]?.payload.revisions.slice(0, 2)).toEqual([null, null]);
    expect(await bulkShapes(since)).toEqual(TWO_CHUNKS);
    expect(await app.held()).toEqual([]);
  });

  test("revisions absent, null, -1 or the current one: all deleted", async () => {
    const app = await appWith(4);
    const [a, b, c, d] = await app.held();
    await app.client.record.deleteAllRecords({
      app: app.appId,
      records: [
        { id: a?.id ?? "" },
        { id: b?.id ?? "", revision: null as unknown as string },
        { id: c?.id ?? "", revision: -1 },
        { id: d?.id ?? "", revision: 1 },
      ],
    });
    expect(await app.held()).toEqual([]);
  });

  test("a stale revision in the second chunk: the first 2,000 are deleted, the second chunk is kept whole", async () => {
    const app = await appWith(MANY);
    const before = await app.held();
    const error = await app.client.record
      .deleteAllRecords({
        app: app.appId,
        records: before.map((r, i) => ({ id: r.id, revision: i === 2050 ? "2" : r.revision })),
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KintoneAllRecordsError);
    expect(error).toMatchObject({ numOfProcessedRecords: 2000, numOfAllRecords: MANY });
    expect((error as KintoneAllRecordsError).error).toMatchObject({ code: "GAIA_CO02", status: 409 });
    expect(await app.held()).toEqual(before.slice(2000));
  });
});

describe("single-record helpers and DELETE records.json in the URL", () => {
  test("updateRecord: revision absent, null or -1 is not checked; a stale one is GAIA_CO02", async () => {
    const app = await appWith(1);
    const [r] = await app.held();
    const c = app.client.record;
    const id = r?.id ?? "";
    await c.updateRecord({ app: app.appId, id, record: { メモ: { value: "1" } } });
    await c.updateRecord({
      app: app.appId,
      id,
      revision: null as unknown as string,
      record: { メモ: { value: "2" } },
    });
    await c.updateRecord({ app: app.appId, id, revision: -1, record: { メモ: { value: "3" } } });
    await c.updateRecord({ app: app.appId, id, revision: 4, record: { メモ: { value: "4" } } });
    const stale = await c
      .updateRecord({ app: app.appId, id, revision: 4, record: { メモ: { value: "5" } } })
      .catch((e: unknown) => e);
    expect(stale).toMatchObject({ code: "GAIA_CO02", status: 409 });
    expect(await app.held()).toMatchObject([{ id, revision: "5", メモ: "4" }]);
  });

  test("upsertRecord adds a missing key, then updates it", async () => {
    const app = await appWith(0);
    const c = app.client.record;
    const key = { field: "名前", value: "アップサート" };
    const added = await c.upsertRecord({ app: app.appId, updateKey: key, record: { メモ: { value: "a" } } });
    const updated = await c.upsertRecord({
      app: app.appId,
      updateKey: key,
      record: { メモ: { value: "b" } },
    });
    expect(updated).toEqual({ id: added.id, revision: "2" });
    expect(await app.held()).toMatchObject([
      { id: added.id, revision: "2", 名前: "アップサート", メモ: "b" },
    ]);
  });

  test("deleteRecords in the URL: an entry left out (qs drops undefined) is not checked and the others stay paired with their ids", async () => {
    const app = await appWith(3);
    const [a, b, c] = await app.held();
    // a moves to revision 2: pairing b's "1" with a (closing the gap) would refuse the request.
    await app.client.record.updateRecord({
      app: app.appId,
      id: a?.id ?? "",
      record: { メモ: { value: "x" } },
    });
    const since = new Date().toISOString();
    await app.client.record.deleteRecords({
      app: app.appId,
      ids: [a?.id ?? "", b?.id ?? ""],
      revisions: [undefined, "1"] as unknown as string[],
    });
    const [sent] = (await emu.control.requests("/k/v1/records.json")).filter(
      (r) => r.at >= since && r.method === "DELETE",
    );
    expect(sent?.params.revisions).toEqual([null, "1"]); // the log's JSON shows the gap as null
    expect((await app.held()).map((r) => r.id)).toEqual([c?.id]);
  });

  test("deleteRecords in the URL: -1 is not checked; an empty value (how qs writes null) is refused with GAIA_CO02 [stricter]", async () => {
    const app = await appWith(2);
    const [a, b] = await app.held();
    const c = app.client.record;
    const empty = await c
      .deleteRecords({ app: app.appId, ids: [a?.id ?? ""], revisions: [null] as unknown as string[] })
      .catch((e: unknown) => e);
    expect(empty).toBeInstanceOf(KintoneRestAPIError);
    expect(empty).toMatchObject({ code: "GAIA_CO02", status: 409 });
    await c.deleteRecords({ app: app.appId, ids: [a?.id ?? "", b?.id ?? ""], revisions: [-1, "1"] });
    expect(await app.held()).toEqual([]);
  });
});

describe("bulkRequest sub-requests in raw JSON", () => {
  test("null and -1 revisions are not checked in PUT record, PUT records and DELETE records", async () => {
    const app = await appWith(4);
    const [a, b, c, d] = await app.held();
    const token = (await emu.control.createToken(app.appId, { view: true, edit: true, delete: true })) ?? "";
    const res = await kintone(emu, "POST", "/k/v1/bulkRequest.json", {
      token,
      body: {
        requests: [
          {
            method: "PUT",
            api: "/k/v1/record.json",
            payload: { app: app.appId, id: a?.id, revision: null, record: { メモ: { value: "a" } } },
          },
          {
            method: "PUT",
            api: "/k/v1/records.json",
            payload: {
              app: app.appId,
              records: [
                { id: b?.id, revision: null, record: { メモ: { value: "b" } } },
                { id: c?.id, revision: "-1", record: { メモ: { value: "c" } } },
              ],
            },
          },
          {
            method: "DELETE",
            api: "/k/v1/records.json",
            payload: { app: app.appId, ids: [a?.id, d?.id], revisions: [null, -1] },
          },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { revision: "2" },
      {
        records: [
          { id: b?.id, revision: "2" },
          { id: c?.id, revision: "2" },
        ],
      },
      {},
    ]);
    expect((await app.held()).map((r) => [r.id, r.revision, r.メモ])).toEqual([
      [b?.id, "2", "b"],
      [c?.id, "2", "c"],
    ]);
  });
});
