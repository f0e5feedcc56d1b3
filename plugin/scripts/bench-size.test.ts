// @vitest-environment node
import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import { GOALS, measure, report } from "./bench-size.ts";

describe("bench:size", () => {
  test("holds config.js to 50 KB, desktop.js and mobile.js to 5 KB gzipped", () => {
    expect(GOALS).toEqual([
      { file: "js/config.js", gzipLimit: 50_000 },
      { file: "js/desktop.js", gzipLimit: 5_000 },
      { file: "js/mobile.js", gzipLimit: 5_000 },
    ]);
  });

  test("a file over its gzip budget is NOT MET, one under it MET", () => {
    // Random bytes do not compress, so 3,000 of them gzip to more than a 2,000-byte goal.
    const noise = randomBytes(3000);
    const over = measure({ file: "js/big.js", gzipLimit: 2000 }, noise);
    const under = measure({ file: "js/small.js", gzipLimit: 2000 }, Buffer.alloc(3000, "a"));
    expect(over).toMatchObject({ raw: 3000, met: false });
    expect(over.gzip).toBeGreaterThan(2000);
    expect(under).toMatchObject({ raw: 3000, met: true });
    expect(report([over, under])).toMatch(/big\.js .* NOT MET\n.*small\.js .* MET$/);
  });
});
