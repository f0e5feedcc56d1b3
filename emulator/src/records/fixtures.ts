/** Builders for the read path's tests: a seeded PRNG and an app of the query fixtures' form. */
import { AppState } from "../model/app.ts";
import { Clock } from "../model/clock.ts";
import { Journal } from "../model/journal.ts";
import { FORM, rec } from "../query/fixtures.ts";
import { prng } from "../seed/prng.ts";

export { prng };

export function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)] as T;
}

export const TITLES = ["x", "y", "Tokyo", "", "東京", 'a"b', "a\\b"];

/** An app of the query fixtures' form with `count` records; every fifth id is deleted again. */
export function seededApp(count: number, seed: number): AppState {
  const rand = prng(seed);
  const app = new AppState({ id: 1, name: "t", properties: FORM }, new Clock());
  const journal = new Journal();
  for (let id = 1; id <= count; id++) {
    const minute = Math.floor(rand() * 60 * 24 * 10);
    const record = rec(id, {
      title: pick(rand, TITLES),
      amount: rand() < 0.2 ? "" : String(Math.floor(rand() * 20) - 5),
      drop: pick(rand, ["A", "B", "C", null]),
      day: rand() < 0.2 ? null : `2024-05-${String(1 + Math.floor(rand() * 28)).padStart(2, "0")}`,
      更新日時: new Date(Date.UTC(2024, 4, 1) + minute * 60_000).toISOString().replace(".000Z", "Z"),
      items: Array.from({ length: Math.floor(rand() * 3) }, () => ({
        item_name: pick(rand, TITLES),
        qty: String(Math.floor(rand() * 5)),
      })),
    });
    app.records.insert(record, journal);
    app.records.takeId();
  }
  for (let id = 5; id <= count; id += 5) app.records.remove(id, journal);
  return app;
}
