import { defineConfig } from "vitest/config";

// kintone loads plug-in scripts as classic <script> tags, so each entry is its own IIFE build
// (lib mode cannot emit several IIFE entries at once): `ENTRY=config vite build && ENTRY=desktop vite build`.
const entry = process.env.ENTRY === "desktop" ? "desktop" : "config";

export default defineConfig({
  build: {
    outDir: "dist/contents/js",
    emptyOutDir: false,
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
