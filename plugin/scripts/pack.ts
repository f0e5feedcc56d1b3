/**
 * `pnpm build`'s last step: dist/contents/ (vite's js/config.js, js/desktop.js and js/mobile.js + static/,
 * checked against what manifest.json names) → the signed plug-in zip
 * dist/front-agent-kintone-plugin.zip, ready for kintone's plug-in upload. Prints the plug-in id.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { packPluginFromManifest } from "@kintone/plugin-packer/from-manifest";
import { assembleContents } from "./contents.ts";
import { loadPluginKey } from "./plugin-key.ts";

const pluginDir = fileURLToPath(new URL("..", import.meta.url));
export const ZIP_NAME = "front-agent-kintone-plugin.zip";

/** Signs and zips a contents folder with kintone's packer (which validates the manifest again). */
export function pack(contentsDir: string, privateKeyPem: string) {
  return packPluginFromManifest(`${contentsDir}/manifest.json`, privateKeyPem);
}

async function main(): Promise<void> {
  const contentsDir = `${pluginDir}dist/contents`;
  const files = assembleContents(`${pluginDir}static`, contentsDir);
  const key = loadPluginKey(process.env.PLUGIN_PRIVATE_KEY, `${pluginDir}private.ppk`);
  const { plugin, id } = await pack(contentsDir, key.pem);
  const out = `${pluginDir}dist/${ZIP_NAME}`;
  writeFileSync(out, plugin);
  console.log(`contents: ${files.join(", ")}`);
  console.log(`key:      ${key.source}`);
  console.log(`zip:      ${out} (${plugin.length} bytes)`);
  console.log(`plug-in id: ${id}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
