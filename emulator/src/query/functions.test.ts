import { describe, expect, test } from "vitest";
import { MS_PER_DAY, MS_PER_MINUTE } from "./calendar.ts";
import { ctx, hits, NOW, rec, thrown } from "./fixtures.ts";
import { evaluateFunction } from "./functions.ts";
import { compileQuery } from "./index.ts";
import { parseQuery } from "./parser.ts";

const TOKYO = "Asia/Tokyo";
const AUCKLAND = "Pacific/Auckland";
const HONOLULU = "Pacific/Honolulu";

/** The function's period as "YYYY-MM-DD..YYYY-MM-DD" (or one date), for readable rows. */
function period(call: string, timeZone: string, now = NOW): string {
  const where = parseQuery(`day = ${call}`).where;
  if (where?.kind !== "compare" || where.value.kind !== "function") throw new Error("not a function call");
  const r = evaluateFunction(where.value.name, where.value.args, { now, timeZone, loginUser: null });
  const iso = (day: number) => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
  if (r.kind === "days") return r.from === r.to ? iso(r.from) : `${iso(r.from)}..${iso(r.to)}`;
  if (r.kind === "minute") return new Date(r.minute * MS_PER_MINUTE).toISOString();
  return String(r.code);
}

describe("date functions (now = 2024-05-15T03:00Z, a Wednesday in Tokyo)", () => {
  test.each([
    ["TODAY() is the user's date: Auckland (UTC+12)", "TODAY()", AUCKLAND, "2024-05-15"],
    ["TODAY() is the user's date: Honolulu (UTC-10) is still on the 14th", "TODAY()", HONOLULU, "2024-05-14"],
    ["YESTERDAY() in Auckland", "YESTERDAY()", AUCKLAND, "2024-05-14"],
    ["TOMORROW() in Honolulu", "TOMORROW()", HONOLULU, "2024-05-15"],
    ["NOW() is one instant for every zone (Auckland)", "NOW()", AUCKLAND, "2024-05-15T03:00:00.000Z"],
    ["NOW() is one instant for every zone (Honolulu)", "NOW()", HONOLULU, "2024-05-15T03:00:00.000Z"],
    ["FROM_TODAY(n, DAYS)", "FROM_TODAY(3, DAYS)", TOKYO, "2024-05-18"],
    ["FROM_TODAY(-n, WEEKS)", "FROM_TODAY(-1, WEEKS)", TOKYO, "2024-05-08"],
    ["FROM_TODAY(n, MONTHS)", "FROM_TODAY(1, MONTHS)", TOKYO, "2024-06-15"],
    ["FROM_TODAY(n, YEARS)", "FROM_TODAY(2, YEARS)", TOKYO, "2026-05-15"],
    ["unit names are case-insensitive", "FROM_TODAY(0, days)", TOKYO, "2024-05-15"],
    ["THIS_WEEK() runs Sunday to Saturday", "THIS_WEEK()", TOKYO, "2024-05-12..2024-05-18"],
    ["THIS_WEEK(MONDAY) is that day of this week", "THIS_WEEK(MONDAY)", TOKYO, "2024-05-13"],
    ["THIS_WEEK(SUNDAY) is the week's first day", "THIS_WEEK(SUNDAY)", TOKYO, "2024-05-12"],
    ["LAST_WEEK(FRIDAY)", "LAST_WEEK(FRIDAY)", TOKYO, "2024-05-10"],
    ["NEXT_WEEK()", "NEXT_WEEK()", TOKYO, "2024-05-19..2024-05-25"],
    [
      "THIS_WEEK() in Honolulu (Tuesday the 14th) is the same week",
      "THIS_WEEK()",
      HONOLULU,
      "2024-05-12..2024-05-18",
    ],
    ["THIS_MONTH() is the whole month", "THIS_MONTH()", TOKYO, "2024-05-01..2024-05-31"],
    ["THIS_MONTH(n) is that day", "THIS_MONTH(10)", TOKYO, "2024-05-10"],
    ["THIS_MONTH(LAST) is the last day", "THIS_MONTH(LAST)", TOKYO, "2024-05-31"],
    ["LAST_MONTH(LAST)", "LAST_MONTH(LAST)", TOKYO, "2024-04-30"],
    [
      "LAST_MONTH(31) rolls into the next month when April lacks a 31st",
      "LAST_MONTH(31)",
      TOKYO,
      "2024-05-01",
    ],
    ["NEXT_MONTH()", "NEXT_MONTH()", TOKYO, "2024-06-01..2024-06-30"],
    ["THIS_YEAR()", "THIS_YEAR()", TOKYO, "2024-01-01..2024-12-31"],
    ["LAST_YEAR()", "LAST_YEAR()", TOKYO, "2023-01-01..2023-12-31"],
    ["NEXT_YEAR()", "NEXT_YEAR()", TOKYO, "2025-01-01..2025-12-31"],
  ])("%s", (_name, call, zone, expected) => {
    expect(period(call, zone)).toBe(expected);
  });

  test.each([
    ["THIS_MONTH() follows the user's date: Auckland is in June", AUCKLAND, "2024-06-01..2024-06-30"],
    ["THIS_MONTH() follows the user's date: Honolulu is in May", HONOLULU, "2024-05-01..2024-05-31"],
  ])("%s", (_name, zone, expected) => {
    expect(period("THIS_MONTH()", zone, new Date("2024-05-31T12:00:00Z"))).toBe(expected);
  });

  test("FROM_TODAY(1, MONTHS) from Jan 31 clamps to the month's end", () => {
    expect(period("FROM_TODAY(1, MONTHS)", TOKYO, new Date("2024-01-31T03:00:00Z"))).toBe("2024-02-29");
  });

  test("NOW() drops seconds, kintone's precision", () => {
    expect(period("NOW()", TOKYO, new Date("2024-05-15T03:00:59.999Z"))).toBe("2024-05-15T03:00:00.000Z");
  });
});

describe("function argument errors", () => {
  test.each([
    ["GAIA_IL08: argument to a function that takes none", "day = TODAY(1)", "GAIA_IL08"],
    ["GAIA_IL08: FROM_TODAY with one argument", "day = FROM_TODAY(1)", "GAIA_IL08"],
    ["GAIA_IL08: FROM_TODAY with a non-integer count", "day = FROM_TODAY(1.5, DAYS)", "GAIA_IL08"],
    ["GAIA_IL08: THIS_MONTH with two arguments", "day = THIS_MONTH(1, 2)", "GAIA_IL08"],
    ["GAIA_IL08: unknown weekday (code not documented)", "day = THIS_WEEK(FUNDAY)", "GAIA_IL08"],
    ["GAIA_IL08: LOGINUSER takes no argument", "users in (LOGINUSER(1))", "GAIA_IL08"],
    ["GAIA_IQ25: FROM_TODAY with an unknown unit", "day = FROM_TODAY(1, HOURS)", "GAIA_IQ25"],
    ["GAIA_IQ23: THIS_MONTH(32)", "day = THIS_MONTH(32)", "GAIA_IQ23"],
    ["GAIA_IQ23: THIS_MONTH(0)", "day = THIS_MONTH(0)", "GAIA_IQ23"],
    ["GAIA_IQ23: NEXT_MONTH(FIRST)", "day = NEXT_MONTH(FIRST)", "GAIA_IQ23"],
  ])("%s", (_name, query, code) => {
    const e = thrown(() => compileQuery(query, ctx()));
    expect(e.code).toBe(code);
    expect(e.errors).toBeUndefined();
  });
});

describe("periods in conditions (Tokyo: today = 2024-05-15 = 2024-05-14T15:00Z..2024-05-15T14:59Z)", () => {
  const records = [
    rec(1, { at: "2024-05-14T14:59:00Z", day: "2024-05-14" }),
    rec(2, { at: "2024-05-14T15:00:00Z", day: "2024-05-15" }),
    rec(3, { at: "2024-05-15T14:59:00Z", day: "2024-05-15" }),
    rec(4, { at: "2024-05-15T15:00:00Z", day: "2024-05-16" }),
    rec(5, { at: "", day: null }),
  ];
  test.each([
    ["= TODAY() matches the whole day", "at = TODAY()", [2, 3]],
    ["!= TODAY() is everything outside it, unset included", "at != TODAY()", [1, 4, 5]],
    ["< TODAY() is before the day starts", "at < TODAY()", [1]],
    ["<= TODAY() is up to the day's end", "at <= TODAY()", [1, 2, 3]],
    ["> TODAY() is after the day ends", "at > TODAY()", [4]],
    [">= TODAY() is from the day's start", "at >= TODAY()", [2, 3, 4]],
    ["= NOW() matches the current minute", "at = NOW()", []],
    ["a bare date against DATETIME is that day in the user's zone", 'at = "2024-05-15"', [2, 3]],
    ["DATE = TODAY()", "day = TODAY()", [2, 3]],
    ["DATE < TODAY()", "day < TODAY()", [1]],
    ["DATE >= YESTERDAY()", "day >= YESTERDAY()", [1, 2, 3, 4]],
    ["DATE = THIS_WEEK()", "day = THIS_WEEK()", [1, 2, 3, 4]],
    ["DATE > THIS_WEEK(WEDNESDAY)", "day > THIS_WEEK(WEDNESDAY)", [4]],
    ["DATE = NOW() is today's date", "day = NOW()", [2, 3]],
  ])("%s", (_name, query, expected) => {
    expect(hits(query, records)).toEqual(expected);
  });

  const instant = [rec(1, { at: "2024-05-14T11:00:00Z", day: "2024-05-15" })];
  test.each([
    [
      "TODAY() on DATETIME differs by zone: Auckland (2024-05-14 23:00 local is not today)",
      AUCKLAND,
      "at = TODAY()",
      [],
    ],
    [
      "TODAY() on DATETIME differs by zone: Honolulu (2024-05-14 01:00 local is today)",
      HONOLULU,
      "at = TODAY()",
      [1],
    ],
    ["TODAY() on DATE differs by zone: Auckland", AUCKLAND, "day = TODAY()", [1]],
    ["TODAY() on DATE differs by zone: Honolulu", HONOLULU, "day = TODAY()", []],
  ])("%s", (_name, timeZone, query, expected) => {
    expect(hits(query, instant, ctx({ timeZone }))).toEqual(expected);
  });

  test("NOW() matches a value stored in the current minute", () => {
    expect(hits("at = NOW()", [rec(1, { at: "2024-05-15T03:00:00Z" })])).toEqual([1]);
  });
});

describe("day boundaries follow the zone's offset changes", () => {
  // 2024-03-10 in New York starts at 05:00Z (EST) and ends at 04:00Z the next day (EDT): 23 hours.
  const records = [
    rec(1, { at: "2024-03-10T04:59:00Z" }),
    rec(2, { at: "2024-03-10T05:00:00Z" }),
    rec(3, { at: "2024-03-11T03:59:00Z" }),
    rec(4, { at: "2024-03-11T04:00:00Z" }),
    rec(5, { at: "2024-03-10T07:00:00Z" }),
  ];
  const newYork = ctx({ timeZone: "America/New_York", now: new Date("2024-03-10T12:00:00Z") });
  test.each([
    ["TODAY() on a spring-forward day", "at = TODAY()", [2, 3, 5]],
    ["a bare date on a spring-forward day", 'at = "2024-03-10"', [2, 3, 5]],
    [
      "a wall time after the gap is read with the new offset (03:00 EDT = 07:00Z)",
      'at = "2024-03-10T03:00"',
      [5],
    ],
  ])("%s", (_name, query, expected) => {
    expect(hits(query, records, newYork)).toEqual(expected);
  });
});
