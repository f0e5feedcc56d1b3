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
    // The config screen's tests render the whole screen in jsdom: ~2 s each on an idle machine, over 5 s on
    // a busy 2-core one (another build beside the suite). A test fails after 30 s, not vitest's 5 s; its
    // waits (waitFor, expect.poll) still end on their own, shorter timeouts.
    testTimeout: 30_000,
  },
});
