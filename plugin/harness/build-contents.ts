import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { assembleContents } from "../scripts/contents.ts";

const pluginDir = join(import.meta.dirname, "..");

/**
 * Builds the plug-in's contents as `pnpm build` does (one IIFE per entry, static/ beside js/), into a
 * fresh temporary folder, so a build running at the same time cannot change them underneath its user.
 */
export async function buildContents(): Promise<string> {
  const vite = join(pluginDir, "node_modules/vite/bin/vite.js");
  const contents = mkdtempSync(join(tmpdir(), "fa-plugin-contents-"));
  for (const entry of ["config", "desktop", "mobile"]) {
    await promisify(execFile)(
      process.execPath,
      [vite, "build", "--logLevel", "error", "--outDir", join(contents, "js"), "--emptyOutDir", "false"],
      { cwd: pluginDir, env: { ...process.env, ENTRY: entry } },
    );
  }
  assembleContents(join(pluginDir, "static"), contents);
  return contents;
}
