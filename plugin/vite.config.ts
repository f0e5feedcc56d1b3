import { defineConfig } from "vitest/config";

// kintone loads plug-in scripts as classic <script> tags, so each entry is its own IIFE build
// (lib mode cannot emit several IIFE entries at once): `ENTRY=config vite build && ENTRY=desktop vite build`.
// The config build runs first and empties js/, so no stale file reaches the zip; scripts/pack.ts then adds
// static/ beside js/ to make dist/contents/ the plug-in's contents.
const entry = process.env.ENTRY === "desktop" ? "desktop" : "config";

export default defineConfig({
  build: {
    outDir: "dist/contents/js",
    emptyOutDir: entry === "config",
    minify: true,
    lib: {
      entry: `src/${entry}/main.${entry === "config" ? "tsx" : "ts"}`,
      name: `FrontAgent_${entry}`,
      formats: ["iife"],
      fileName: () => `${entry}.js`,
    },
  },
  test: {
    environment: "jsdom",
  },
});
