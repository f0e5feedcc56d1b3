import type { EmulatorClient, RunningEmulator } from "@front-agent/kintone-emulator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { customerAppGateway, startCustomerAppEmulator } from "../../kintone/emulator-testing.ts";
import type { KintoneRecordJson } from "../../kintone/gateway.ts";
import { groupedApplier, type Page, readMostRecent, readStripesGrouped } from "./readers.ts";

let emu: RunningEmulator;
let control: EmulatorClient;
let appId: string;
let token: string;

beforeAll(async () => {
  ({ emu, control, appId, token } = await startCustomerAppEmulator(30));
});
afterAll(() => emu.close());

function gateway() {
  return customerAppGateway({ emu, control, appId, token });
}

describe("reading the most recent records asks kintone for the import's fields only", () => {
  // A cap above kintone's offset limit goes through a cursor; below it, through offsets.
  test.each([
    ["by cursor", 20_000, "/k/v1/records/cursor.json", "POST"],
    ["by offset", 20, "/k/v1/records.json", "GET"],
  ])("%s", async (_name, cap, path, method) => {
    await control.resetStats();
    const fields = ["$id", "$revision", "顧客名"];
    const read: KintoneRecordJson[] = [];
    await readMostRecent(
      gateway(),
      { appId, condition: "", updatedField: "更新日時", cap, fields },
      async (page) => {
        read.push(...page.records);
      },
    );

    const asked = (await control.requests(path)).filter((r) => r.method === method);
    expect(asked.length).toBeGreaterThan(0);
    for (const request of asked) expect(request.params.fields).toEqual(fields);
    expect(read).toHaveLength(Math.min(cap, 30));
    for (const record of read) expect(Object.keys(record).sort()).toEqual([...fields].sort());
  });
});

describe("pages waiting to be applied are applied together (issue 16)", () => {
  const page = (after: number): Page => ({ records: [], stripe: 0, after });

  test("pages queued while a group is applied make the next group; each settles once applied", async () => {
    const groups: number[][] = [];
    const applied: number[] = [];
    let release = () => {};
    const first = new Promise<void>((resolve) => {
      release = resolve;
    });
    const apply = groupedApplier(
      async (pages) => {
        groups.push(pages.map((p) => p.after ?? 0));
        if (groups.length === 1) await first;
      },
      (p) => applied.push(p.after ?? 0),
    );
    const settled: number[] = [];
    const track = (n: number) => apply(page(n)).then(() => settled.push(n));
    const one = track(1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(groups).toEqual([[1]]);
    const rest = [2, 3, 4].map(track);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(groups).toEqual([[1]]);
    expect(applied).toEqual([]);
    release();
    await Promise.all([one, ...rest]);
    expect(groups).toEqual([[1], [2, 3, 4]]);
    expect(applied).toEqual([1, 2, 3, 4]);
    expect(settled).toEqual([1, 2, 3, 4]);
  });

  // A group's database work is synchronous: begun at once, it would hold up the requests issued as its
  // pages came in (and the answers already there) until it ended.
  test("a group begins only after the event loop had a turn, and takes every page queued until then", async () => {
    const groups: number[][] = [];
    const apply = groupedApplier(async (pages) => {
      groups.push(pages.map((p) => p.after ?? 0));
    });
    const one = apply(page(1));
    await Promise.resolve();
    const two = apply(page(2));
    await Promise.resolve();
    expect(groups).toEqual([]);
    await Promise.all([one, two]);
    expect(groups).toEqual([[1, 2]]);
  });

  test("a failed group fails its pages and every later one, which are never applied", async () => {
    const groups: number[][] = [];
    let release = () => {};
    const first = new Promise<void>((resolve) => {
      release = resolve;
    });
    const apply = groupedApplier(async (pages) => {
      groups.push(pages.map((p) => p.after ?? 0));
      await first;
      throw new Error("disk full");
    });
    const one = apply(page(1));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const two = apply(page(2));
    release();
    await expect(one).rejects.toThrow("disk full");
    await expect(two).rejects.toThrow("disk full");
    await expect(apply(page(3))).rejects.toThrow("disk full");
    expect(groups).toEqual([[1]]);
  });

  test("a striped read hands the stripes' waiting pages together and moves a resume point once applied", async () => {
    const base = gateway();
    let answered = 0;
    const counting = {
      ...base,
      records: async (...args: Parameters<typeof base.records>) => {
        const records = await base.records(...args);
        answered++;
        return records;
      },
    };
    // Four stripes of the 30 records (planStripes would make one stripe of so few).
    // The emulator numbers an app's records from 1.
    const min = 1;
    const max = await base.maxId(appId);
    const size = Math.ceil((max - min + 1) / 4);
    const stripes = [0, 1, 2, 3].map((i) => ({
      after: min - 1 + i * size,
      to: Math.min(max, min - 1 + (i + 1) * size),
      done: false,
    }));
    const starts = stripes.map((s) => s.after);
    const groups: number[] = [];
    const ids: string[] = [];
    await readStripesGrouped(counting, { appId, stripes, fields: ["$id"] }, async (pages) => {
      for (const p of pages) {
        // Not yet applied: the stripe still resumes where it did.
        expect(stripes[p.stripe ?? -1]?.after).toBe(starts[p.stripe ?? -1]);
        ids.push(...p.records.map((r) => String(r.$id?.value)));
      }
      groups.push(pages.length);
      // The first group waits until every stripe's page has come back, so the other three queue.
      if (groups.length === 1) {
        while (answered < stripes.length) await new Promise((resolve) => setTimeout(resolve, 1));
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    });
    // The first group takes the pages back by the time it begins (one or more); the rest queue behind it.
    expect(groups.reduce((a, b) => a + b, 0)).toBe(4);
    expect(groups.length).toBeLessThanOrEqual(2);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
    expect(stripes.map((s) => s.after)).toEqual(stripes.map((s) => s.to));
    expect(stripes.every((s) => s.done)).toBe(true);
  });
});
