import { defineConfig } from "vitest/config";

// kintone loads plug-in scripts as classic <script> tags, so each entry is its own IIFE build
// (lib mode cannot emit several IIFE entries at once): `ENTRY=config vite build && ENTRY=desktop vite build
// && ENTRY=mobile vite build`. The config build runs first and empties js/, so no stale file reaches the zip;
// scripts/pack.ts then adds static/ beside js/ to make dist/contents/ the plug-in's contents.
export const ENTRIES = {
  config: "src/config/main.tsx",
  desktop: "src/desktop/main.ts",
  mobile: "src/mobile/main.ts",
} as const;
const entry: keyof typeof ENTRIES =
  process.env.ENTRY === "desktop" || process.env.ENTRY === "mobile" ? process.env.ENTRY : "config";

export default defineConfig({
  build: {
    outDir: "dist/contents/js",
    emptyOutDir: entry === "config",
    minify: true,
    lib: {
      entry: ENTRIES[entry],
      name: `FrontAgent_${entry}`,
      formats: ["iife"],
      fileName: () => `${entry}.js`,
    },
  },
  test: {
    environment: "jsdom",
  },
});
