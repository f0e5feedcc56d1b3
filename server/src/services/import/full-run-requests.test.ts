import { expect, test } from "vitest";
import { fullRunRequests } from "./execute-run.ts";

// What a full run is estimated to need before it starts reading (the daily budget's check): the form and the
// id bounds, a page per 500 records, and at most one short page more per stripe (four).
test.each([
  ["an empty app", 0, 7],
  ["one page's worth", 500, 8],
  ["1,200 records", 1200, 10],
  ["the template's 3,000", 3000, 13],
  ["a million records", 1_000_000, 2007],
])("%s: %i records → %i requests", (_what, records, requests) => {
  expect(fullRunRequests(records)).toBe(requests);
});
