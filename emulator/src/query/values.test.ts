/**
 * Stored dates and times are decoded by arithmetic instead of Date.UTC (the cost of a scan over
 * 100,000 records); the numbers must be Date.UTC's for every input, odd ones included.
 */
import { describe, expect, test } from "vitest";
import { prng } from "../records/fixtures.ts";
import { dayOfValue, minuteOfValue, utcDay } from "./values.ts";

const pad = (n: number, width: number) => String(n).padStart(width, "0");

describe("utcDay is Date.UTC in days", () => {
  test("every day of 1600–2400 and the edges around them", () => {
    for (let y = 1600; y <= 2400; y++) {
      for (let m = 1; m <= 12; m++) {
        for (const d of [0, 1, 15, 28, 29, 30, 31, 32, 99]) {
          expect(utcDay(y, m, d)).toBe(Date.UTC(y, m - 1, d) / 86_400_000);
        }
      }
    }
  });

  test.each([
    [0, 1, 1],
    [99, 12, 31],
    [100, 1, 1],
    [9999, 12, 31],
    [2024, 0, 1],
    [2024, 13, 1],
    [2024, 99, 99],
    [Number.NaN, 1, 1],
    [2024, Number.NaN, 1],
    [2024, 1, Number.NaN],
  ])("%s-%s-%s", (y, m, d) => {
    expect(utcDay(y, m, d)).toBe(Date.UTC(y, m - 1, d) / 86_400_000);
  });
});

describe("stored values decode as Date.UTC reads them", () => {
  const rand = prng(11);
  const digit = () => String(Math.floor(rand() * 10));
  const samples: string[] = ["2024-02-29", "0050-01-01", "2024-00-10", "2024-13-40", "20x4-01-01"];
  for (let i = 0; i < 2000; i++) {
    const y =
      rand() < 0.9 ? pad(1900 + Math.floor(rand() * 300), 4) : `${digit()}${digit()}${digit()}${digit()}`;
    samples.push(`${y}-${digit()}${digit()}-${digit()}${digit()}`);
    samples.push(`${y}-${pad(1 + Math.floor(rand() * 12), 2)}-${pad(1 + Math.floor(rand() * 31), 2)}`);
  }

  test("DATE", () => {
    for (const s of samples) {
      const expected =
        Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10))) / 86_400_000;
      expect(dayOfValue(s), s).toBe(/^\d{4}-\d\d-\d\d$/.test(s) ? expected : Number.NaN);
    }
  });

  test("DATETIME", () => {
    for (const s of samples) {
      const hh = `${digit()}${digit()}`;
      const mm = `${digit()}${digit()}`;
      const value = `${s}T${hh}:${mm}:00Z`;
      const expected =
        Date.UTC(
          Number(s.slice(0, 4)),
          Number(s.slice(5, 7)) - 1,
          Number(s.slice(8, 10)),
          Number(hh),
          Number(mm),
        ) / 60_000;
      expect(minuteOfValue(value), value).toBe(/^\d{4}-\d\d-\d\d$/.test(s) ? expected : Number.NaN);
    }
  });
});
