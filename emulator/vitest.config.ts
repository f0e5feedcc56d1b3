import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "@front-agent/kintone-emulator",
    // Some tests start real processes (the emulator's CLI through tsx, as `pnpm emulator` does, and
    // cli-kintone exporting 1,000 records): ~1 s idle, several on a busy 2-core machine. Vitest's 5 s
    // is not enough there.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
