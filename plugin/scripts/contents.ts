/**
 * dist/contents/ is the plug-in's contents.zip unpacked: vite's js/ plus everything under static/
 * (manifest.json, the icon, config.html, css). kintone's packer zips only what manifest.json names, so a
 * file the manifest forgets would silently be missing from the zip; assembling fails on it instead.
 */
import { cpSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";

export interface Manifest {
  icon: string;
  desktop?: { js?: string[]; css?: string[] };
  mobile?: { js?: string[]; css?: string[] };
  config?: { html?: string; js?: string[]; css?: string[] };
}

/** Every local file a manifest refers to, manifest.json included (https:// URLs are fetched by kintone). */
export function manifestFiles(manifest: Manifest): string[] {
  const lists = [manifest.desktop, manifest.mobile, manifest.config].flatMap((part) => [
    ...(part?.js ?? []),
    ...(part?.css ?? []),
  ]);
  const local = lists.filter((file) => !/^https?:\/\//.test(file));
  if (manifest.config?.html) local.push(manifest.config.html);
  return [...new Set(["manifest.json", manifest.icon, ...local])].sort();
}

/** The files under a folder, as manifest-style relative paths (`js/config.js`). */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((path) => statSync(join(dir, path)).isFile())
    .map((path) => path.split(sep).join("/"))
    .sort();
}

/**
 * Replaces everything in `contentsDir` but the built `js/` with `staticDir`'s files, then checks the
 * folder holds exactly what the manifest names. Returns the file list.
 */
export function assembleContents(staticDir: string, contentsDir: string): string[] {
  for (const entry of readdirSync(contentsDir)) {
    if (entry !== "js") rmSync(join(contentsDir, entry), { recursive: true, force: true });
  }
  cpSync(staticDir, contentsDir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(contentsDir, "manifest.json"), "utf8")) as Manifest;
  const wanted = manifestFiles(manifest);
  const present = filesUnder(contentsDir);
  const missing = wanted.filter((file) => !present.includes(file));
  const extra = present.filter((file) => !wanted.includes(file));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(
      `${relative(process.cwd(), contentsDir)} does not match manifest.json:` +
        (missing.length ? ` missing ${missing.join(", ")};` : "") +
        (extra.length ? ` not in the manifest ${extra.join(", ")}` : ""),
    );
  }
  return present;
}
