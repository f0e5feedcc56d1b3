import type { EmulatorClient, RunningEmulator } from "@front-agent/kintone-emulator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { customerAppGateway, startCustomerAppEmulator } from "../../kintone/emulator-testing.ts";
import { RecordingGateway, recordJson } from "../../kintone/testing.ts";
import { type Page, readOpening, readStripesGrouped } from "./readers.ts";

// Issue 16: a read opens with the first page from each end of the app, so it needs no round trip for the
// id bounds; what lies between is striped. Shown on the emulator over HTTP: every matching record read
// once, whatever the app's ids, and the opening's pages applied first.

const RECORDS = 2300;
let emu: RunningEmulator;
let control: EmulatorClient;
let appId: string;
let token: string;

beforeAll(async () => {
  ({ emu, control, appId, token } = await startCustomerAppEmulator(RECORDS));
  // The lowest 700 ids and a run in the middle deleted: an app whose ids start high and have a gap.
  const doomed = [...range(1, 700), ...range(1201, 1300)];
  for (let i = 0; i < doomed.length; i += 100) {
    const ids = doomed.slice(i, i + 100).map((id, k) => `ids[${k}]=${id}`);
    const res = await fetch(`${emu.url}/k/v1/records.json?app=${appId}&${ids.join("&")}`, {
      method: "DELETE",
      headers: { "X-Cybozu-API-Token": token },
    });
    expect(res.status).toBe(200);
  }
});
afterAll(() => emu.close());

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function gateway() {
  return customerAppGateway({ emu, control, appId, token });
}

/** Opens, then reads the rest; the ids of each group applied, in order. */
async function readAll(condition?: string) {
  const g = gateway();
  await control.resetStats();
  const opened = await readOpening(g, { appId, condition, fields: ["$id"] }, 4);
  // As planned: the read moves each stripe's resume point.
  const planned = opened.stripes.map((s) => [s.after, s.to]);
  const groups: number[][] = [];
  await readStripesGrouped(
    g,
    { appId, condition, stripes: opened.stripes, fields: ["$id"] },
    async (pages: Page[]) => {
      groups.push(pages.flatMap((p) => p.records.map((r) => Number(r.$id?.value))));
    },
    opened.pages,
  );
  const ids = groups.flat().sort((a, b) => a - b);
  return { opened, planned, groups, ids, requests: g.stats().requests };
}

describe("readOpening, then the stripes between", () => {
  test("every record once, from an app whose ids start at 701 and skip 1201–1300", async () => {
    const { opened, planned, groups, ids, requests } = await readAll();
    const expected = [...range(701, 1200), ...range(1301, RECORDS)];
    expect(ids).toEqual(expected);
    // The opening's two pages are the first group, applied while the stripes' first requests were out.
    expect(groups[0]).toEqual([...range(701, 1200), ...range(1801, RECORDS)]);
    expect(planned).toEqual([
      [1200, 1700],
      [1700, 1800],
    ]);
    // The pages and every id between them (1201–1800), deleted ones included: an upper bound.
    expect(opened.most).toBe(1000 + 600);
    // ceil(1,500 / 500) pages, the short one between included: no request for the bounds.
    expect(requests).toBe(4);
    expect(await control.requests("/k/v1/records.json")).toHaveLength(4);
  });

  test("under a condition, only the matching records, each once", async () => {
    const condition = "$id <= 1000 or $id > 2200";
    const { opened, ids, requests } = await readAll(condition);
    expect(ids).toEqual([...range(701, 1000), ...range(2201, RECORDS)]);
    // 400 records: the bottom page is short and holds them all; the top page added nothing.
    expect(opened).toMatchObject({ stripes: [], most: 400 });
    expect(requests).toBe(2);
  });

  test("pages that overlap (under two pages of records) keep each record once", async () => {
    const condition = "$id > 1500";
    const { opened, ids, requests } = await readAll(condition);
    expect(ids).toEqual(range(1501, RECORDS));
    expect(opened).toMatchObject({ stripes: [], most: 800 });
    expect(requests).toBe(2);
  });

  test("an app with no matching record: two requests, nothing read", async () => {
    const { opened, ids, requests } = await readAll("$id > 99999");
    expect(ids).toEqual([]);
    expect(opened).toEqual({ pages: [], stripes: [], most: 0 });
    expect(requests).toBe(2);
  });
});

describe("the opening's pages wait for the stripes' first requests to leave", () => {
  /** A kintone whose records requests leave only when the test says (a connection still being made). */
  class SlowToLeave extends RecordingGateway {
    readonly leaving: Array<() => void> = [];
    override records(app: string, query: string, fields?: string[], sent?: () => void) {
      this.leaving.push(() => sent?.());
      return super.records(app, query, fields);
    }
  }

  test("applied only once every stripe's first request has left, not while one still waits", async () => {
    const kintone = new SlowToLeave().answer("records", (call) =>
      call.query.includes("$id > 10 ") ? [recordJson(11)] : [recordJson(21)],
    );
    const applied: string[] = [];
    const read = readStripesGrouped(
      kintone,
      {
        appId: "14",
        stripes: [
          { after: 10, to: 20, done: false },
          { after: 20, to: 30, done: false },
        ],
      },
      async (pages) => {
        applied.push(pages.map((p) => (p.stripe === null ? "opening" : `stripe ${p.stripe}`)).join("+"));
      },
      [{ records: [recordJson(1)], stripe: null, after: null }],
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(kintone.leaving).toHaveLength(2);
    // One request has left, the other not yet: nothing applied, however long that takes.
    kintone.leaving[0]?.();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(applied).toEqual([]);
    kintone.leaving[1]?.();
    await read;
    // The opening first (stripe pages that came meanwhile join its group, behind it: none is committed
    // before the opening, whose pages a resume would not read again).
    expect(applied[0]?.split("+")[0]).toBe("opening");
    expect(applied.join("+").split("+").sort()).toEqual(["opening", "stripe 0", "stripe 1"]);
  });
});
