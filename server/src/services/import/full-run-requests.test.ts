import { expect, test } from "vitest";
import { fullRunRequests } from "./execute-run.ts";

// What a full run is estimated to need before it starts reading (the daily budget's check): the form and the
// opening's two pages (the first from each end), then a page per 500 records between them and at most one
// short page more per stripe (four).
test.each([
  ["an empty app", 0, 3],
  ["one page's worth", 500, 3],
  ["two pages' worth: the opening reads it all", 1000, 3],
  ["1,200 records", 1200, 8],
  ["the template's 3,000", 3000, 11],
  ["a million records", 1_000_000, 2005],
])("%s: %i records → %i requests", (_what, records, requests) => {
  expect(fullRunRequests(records)).toBe(requests);
});
