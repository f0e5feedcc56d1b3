// @vitest-environment node
import { createHash, generateKeyPairSync, verify } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { readZip } from "../test/zip.ts";
import { assembleContents } from "./contents.ts";
import { pack } from "./pack.ts";
import { loadPluginKey, pluginIdOf } from "./plugin-key.ts";

const work = mkdtempSync(join(tmpdir(), "fa-pack-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const staticDir = new URL("../static", import.meta.url).pathname;

/** A key as kintone's packer makes them, and the id kintone derives from it, worked out here on its own. */
function keyAndId() {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", {
    modulusLength: 1024,
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "der" },
  });
  const hex = createHash("sha256").update(publicKey).digest("hex").slice(0, 32);
  const id = hex.replace(/[0-9a-f]/g, (d) => "abcdefghijklmnop"[Number.parseInt(d, 16)] ?? "?");
  return { privateKey, publicKey, id };
}

/** dist/contents as the build leaves it, with stand-in scripts so the test needs no vite build. */
function contentsDir(name: string): string {
  const dir = join(work, name);
  mkdirSync(join(dir, "js"), { recursive: true });
  writeFileSync(join(dir, "js/config.js"), "/* config */");
  writeFileSync(join(dir, "js/desktop.js"), "/* desktop */");
  writeFileSync(join(dir, "js/mobile.js"), "/* mobile */");
  return dir;
}

describe("pack", () => {
  test("signs the contents: the zip's id, PUBKEY and SIGNATURE follow from the key, and repeat", async () => {
    const dir = contentsDir("signed");
    const files = assembleContents(staticDir, dir);
    const { privateKey, publicKey, id } = keyAndId();

    const first = await pack(dir, privateKey);
    const second = await pack(dir, privateKey);
    expect(first.id).toBe(id);
    expect(second.id).toBe(id);
    expect(pluginIdOf(privateKey)).toBe(id);

    const zip = readZip(first.plugin);
    expect([...zip.keys()].sort()).toEqual(["PUBKEY", "SIGNATURE", "contents.zip"]);
    expect(zip.get("PUBKEY")?.equals(publicKey)).toBe(true);
    const contents = zip.get("contents.zip") ?? Buffer.alloc(0);
    const key = { key: publicKey, format: "der", type: "spki" } as const;
    expect(verify("RSA-SHA1", contents, key, zip.get("SIGNATURE") ?? Buffer.alloc(0))).toBe(true);
    expect([...readZip(contents).keys()].sort()).toEqual(files);
  });

  test("another key is another plug-in", async () => {
    const dir = contentsDir("other-key");
    assembleContents(staticDir, dir);
    const a = keyAndId();
    const b = keyAndId();
    expect((await pack(dir, b.privateKey)).id).toBe(b.id);
    expect(b.id).not.toBe(a.id);
  });
});

describe("assembleContents", () => {
  test("puts static/ beside js/ and drops what an earlier build left", () => {
    const dir = contentsDir("stale");
    writeFileSync(join(dir, "old.txt"), "stale");
    expect(assembleContents(staticDir, dir)).toEqual([
      "css/config.css",
      "css/desktop.css",
      "css/mobile.css",
      "html/config.html",
      "image/icon.png",
      "js/config.js",
      "js/desktop.js",
      "js/mobile.js",
      "manifest.json",
    ]);
  });

  test("refuses a built file the manifest does not name, and a named file that was not built", () => {
    const extra = contentsDir("extra");
    writeFileSync(join(extra, "js/chunk-1.js"), "");
    expect(() => assembleContents(staticDir, extra)).toThrow(/not in the manifest js\/chunk-1\.js/);
    const missing = contentsDir("missing");
    rmSync(join(missing, "js/desktop.js"));
    expect(() => assembleContents(staticDir, missing)).toThrow(/missing js\/desktop\.js/);
  });
});

describe("loadPluginKey", () => {
  test("generates the key once, then reuses it", () => {
    const path = join(work, "generated.ppk");
    const first = loadPluginKey(undefined, path);
    expect(first.pem).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    expect(first.source).toContain("generated now");
    expect(readFileSync(path, "utf8")).toBe(first.pem);
    const again = loadPluginKey(undefined, path);
    expect(again.pem).toBe(first.pem);
    expect(again.source).toBe(path);
  });

  test("PLUGIN_PRIVATE_KEY wins, and a missing one is an error rather than a new plug-in id", () => {
    const { privateKey } = keyAndId();
    const given = join(work, "given.ppk");
    writeFileSync(given, privateKey);
    const fallback = join(work, "unused.ppk");
    expect(loadPluginKey(given, fallback).pem).toBe(privateKey);
    expect(() => loadPluginKey(join(work, "nope.ppk"), fallback)).toThrow(/does not exist/);
    expect(() => readFileSync(fallback)).toThrow();
  });
});
