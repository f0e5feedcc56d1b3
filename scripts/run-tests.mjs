#!/usr/bin/env node
// Runs every test of the workspace once and ends with the plain line `N passed, N failed`,
// which CI reads (vitest's own summary is not among the formats it understands).
// The exit code is vitest's: any failing test fails the run.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const report = `${root}.vitest-report.json`;
rmSync(report, { force: true });

const vitest = `${root}node_modules/.bin/vitest`;
const args = [
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
];
const run = spawnSync(vitest, args, { cwd: root, stdio: "inherit" });

/**
 * The slowest test files of this run (FA_TEST_SLOWEST of them, 10 by default; 0 for none): where the
 * suite's time goes, so that a file that grows slow is seen when it does.
 */
function printSlowest(files) {
  const count = Number(process.env.FA_TEST_SLOWEST ?? 10);
  if (!(count > 0)) return;
  const slowest = files
    .map((file) => ({ name: file.name.replace(root, ""), seconds: (file.endTime - file.startTime) / 1000 }))
    .filter((file) => Number.isFinite(file.seconds))
    .sort((a, b) => b.seconds - a.seconds)
    .slice(0, count);
  if (slowest.length === 0) return;
  console.log(`slowest ${slowest.length} test files:`);
  for (const file of slowest) console.log(`${file.seconds.toFixed(1).padStart(7)} s  ${file.name}`);
}

let passed = 0;
let failed = 0;
if (existsSync(report)) {
  const summary = JSON.parse(readFileSync(report, "utf8"));
  passed = summary.numPassedTests ?? 0;
  failed = summary.numFailedTests ?? 0;
  // A file that fails to load has no failing test inside, but it is a failure all the same.
  for (const file of summary.testResults ?? []) {
    if (file.status === "failed" && !(file.assertionResults ?? []).some((a) => a.status === "failed"))
      failed++;
  }
  printSlowest(summary.testResults ?? []);
} else {
  failed = 1; // vitest died before writing its report
}
console.log(`${passed} passed, ${failed} failed`);

const code = run.status ?? 1;
process.exit(code === 0 && failed > 0 ? 1 : code);
