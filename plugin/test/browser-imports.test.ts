// @vitest-environment node
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { ENTRIES } from "../vite.config.ts";
import { nodeImports } from "./import-graph.ts";

const root = new URL("../..", import.meta.url).pathname;
const PACKAGES = { "@front-agent/shared": "shared" };
const sharedExports = (await import("../../shared/package.json", { with: { type: "json" } })).default.exports;

describe("the plug-in's browser code reaches no node module", () => {
  test("from its entries, through @front-agent/shared", () => {
    const entries = Object.values(ENTRIES).map((entry) => `plugin/${entry}`);
    expect(nodeImports(root, entries, PACKAGES)).toEqual([]);
  });

  // Any of shared's entries but ./node may be imported by the plug-in tomorrow.
  test("from every entry of @front-agent/shared but ./node", () => {
    const entries = Object.entries(sharedExports)
      .filter(([name]) => name !== "./node")
      .map(([, file]) => join("shared", file));
    expect(entries).toContain("shared/src/index.ts");
    expect(nodeImports(root, entries, PACKAGES)).toEqual([]);
  });

  test("while @front-agent/shared/node does (so the checks above check something)", () => {
    expect(nodeImports(root, ["shared/src/node.ts"], PACKAGES)).toEqual([
      { module: "node:crypto", chain: ["shared/src/node.ts", "shared/src/assist/signature.ts"] },
    ]);
  });
});

describe("nodeImports", () => {
  const dir = mkdtempSync(join(tmpdir(), "fa-import-graph-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const graph = (files: Record<string, string>) => {
    const at = mkdtempSync(join(dir, "case-"));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(at, name), text);
    writeFileSync(
      join(at, "package.json"),
      JSON.stringify({ exports: { ".": "./pkg.ts", "./sub": "./sub.ts" } }),
    );
    return nodeImports(at, ["entry.ts"], { "@fa/pkg": "." });
  };

  test.each([
    ["a direct import", { "entry.ts": 'import { x } from "node:fs";' }, [["node:fs", "entry.ts"]]],
    ["a bare built-in", { "entry.ts": 'import "crypto";' }, [["crypto", "entry.ts"]]],
    [
      "through a relative import and a re-export",
      {
        "entry.ts": 'export * from "./a.ts";',
        "a.ts": 'export { b } from "./b.ts";',
        "b.ts": 'import "node:os";',
      },
      [["node:os", "entry.ts>a.ts>b.ts"]],
    ],
    [
      "through a workspace package's exports",
      {
        "entry.ts": 'import { s } from "@fa/pkg/sub";',
        "sub.ts": 'import { createHash } from "node:crypto";',
      },
      [["node:crypto", "entry.ts>sub.ts"]],
    ],
    ["a dynamic import", { "entry.ts": 'const m = await import("node:path");' }, [["node:path", "entry.ts"]]],
    [
      "an import whose names are all types (it stays as an import)",
      { "entry.ts": 'import { type X } from "node:fs";' },
      [["node:fs", "entry.ts"]],
    ],
    ["not a type-only import", { "entry.ts": 'import type { X } from "node:fs";' }, []],
    ["not a type-only re-export", { "entry.ts": 'export type { X } from "node:fs";' }, []],
    ["not another package", { "entry.ts": 'import { h } from "preact";' }, []],
  ])("%s", (_, files, expected) => {
    expect(graph(files).map((found) => [found.module, found.chain.join(">")])).toEqual(expected);
  });
});
