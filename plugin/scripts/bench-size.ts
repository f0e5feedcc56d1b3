/**
 * `pnpm bench:size`: the built scripts' sizes against their budgets. kintone loads plug-in scripts on every
 * page of the app (desktop.js on each record view, mobile.js on each record on a phone), so they are kept
 * small: config.js ≤ 50 KB, desktop.js ≤ 5 KB and mobile.js ≤ 5 KB (often over a mobile network), gzipped. KB here is 1,000 bytes, as vite reports. Exits 1 when a budget is not met.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

export interface SizeGoal {
  file: string;
  gzipLimit: number;
}

export const GOALS: SizeGoal[] = [
  // Only the plug-in's settings page loads config.js. 50 KB since issue 15 (議事録の書き込み, run reasons,
  // 全件同期): it carries the shared error catalogue, server-only texts included (see plugin/README.md).
  { file: "js/config.js", gzipLimit: 50_000 },
  { file: "js/desktop.js", gzipLimit: 5_000 },
  { file: "js/mobile.js", gzipLimit: 5_000 },
];

export interface SizeRow extends SizeGoal {
  raw: number;
  gzip: number;
  met: boolean;
}

/** Measures one file's bytes: raw and as zlib's default gzip (what a web server typically sends). */
export function measure(goal: SizeGoal, bytes: Buffer): SizeRow {
  const gzip = gzipSync(bytes).length;
  return { ...goal, raw: bytes.length, gzip, met: gzip <= goal.gzipLimit };
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(2)} KB`;

export function report(rows: SizeRow[]): string {
  return rows
    .map(
      (r) =>
        `${r.file.padEnd(14)} raw ${kb(r.raw).padStart(9)}  gzip ${kb(r.gzip).padStart(9)}  ` +
        `goal ≤ ${kb(r.gzipLimit)} gzip  ${r.met ? "MET" : "NOT MET"}`,
    )
    .join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const contents = fileURLToPath(new URL("../dist/contents/", import.meta.url));
  const missing = GOALS.filter((g) => !existsSync(contents + g.file));
  if (missing.length > 0) {
    console.error(`not built: ${missing.map((g) => g.file).join(", ")} (run \`pnpm build\` in plugin/)`);
    process.exit(1);
  }
  const rows = GOALS.map((goal) => measure(goal, readFileSync(contents + goal.file)));
  console.log(report(rows));
  const met = rows.every((r) => r.met);
  console.log(met ? "size budget: MET" : "size budget: NOT MET");
  process.exit(met ? 0 : 1);
}
