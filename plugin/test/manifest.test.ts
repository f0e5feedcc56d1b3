// @vitest-environment node
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, test } from "vitest";
import { type Manifest, manifestFiles } from "../scripts/contents.ts";

// The validator is CommonJS with `exports.default`, which its types declare as the module's default export.
// An ESM import's default would be the exports object; required, the exports object is what the types say.
const { default: validate }: typeof import("@kintone/plugin-manifest-validator") = createRequire(
  import.meta.url,
)("@kintone/plugin-manifest-validator");

const plugin = new URL("..", import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(`${plugin}static/manifest.json`, "utf8")) as Manifest &
  Record<string, unknown>;
/** What vite writes (vite.config.ts, one IIFE per entry); everything else the manifest names is in static/. */
const BUILT = ["js/config.js", "js/desktop.js", "js/mobile.js"];
const fileExists = (path: string) => BUILT.includes(path) || existsSync(`${plugin}static/${path}`);

describe("manifest.json", () => {
  test("passes kintone's manifest validator, every file it names being built or in static/", () => {
    const result = validate(manifest, { fileExists });
    expect(result.errors).toBeNull();
    expect(result.valid).toBe(true);
    expect(manifestFiles(manifest).filter((path) => path !== "manifest.json" && !fileExists(path))).toEqual(
      [],
    );
  });

  test("the validator catches a file that is missing (so the check above checks something)", () => {
    const result = validate({ ...manifest, icon: "image/nope.png" }, { fileExists });
    expect(result.valid).toBe(false);
    expect(JSON.stringify(result.errors)).toContain("nope.png");
  });

  test("loads the desktop script and CSS, and the config screen with backendUrl required", () => {
    expect(manifest.desktop).toEqual({ js: ["js/desktop.js"], css: ["css/desktop.css"] });
    expect(manifest.config).toMatchObject({ js: ["js/config.js"], required_params: ["backendUrl"] });
    expect(readFileSync(`${plugin}static/${manifest.config?.html}`, "utf8")).toContain(
      '<div id="front-agent-config"></div>',
    );
  });

  test("loads the mobile script and its CSS on kintone mobile, the button touch-sized there", () => {
    expect(manifest.mobile).toEqual({ js: ["js/mobile.js"], css: ["css/mobile.css"] });
    const css = readFileSync(`${plugin}static/css/mobile.css`, "utf8");
    const button = /\.fa-open-button\s*\{([^}]*)\}/.exec(css)?.[1] ?? "";
    expect(Number(/min-height:\s*(\d+)px/.exec(button)?.[1])).toBeGreaterThanOrEqual(44);
  });

  test("the validator refuses a mobile entry naming a file that is not there", () => {
    const result = validate({ ...manifest, mobile: { js: ["js/nope.js"] } }, { fileExists });
    expect(result.valid).toBe(false);
    expect(JSON.stringify(result.errors)).toContain("nope.js");
  });

  test("is named in ja, en and zh, and carries the package's version", () => {
    for (const part of ["name", "description"]) {
      expect(Object.keys(manifest[part] as object).sort()).toEqual(["en", "ja", "zh"]);
    }
    const pkg = JSON.parse(readFileSync(`${plugin}package.json`, "utf8")) as { version: string };
    expect(manifest.version).toBe(pkg.version);
  });
});
