import { defineConfig } from "vitest/config";

// One vitest run over every package, so one report (and one summary line) covers the whole workspace.
export default defineConfig({
  test: {
    projects: ["shared", "emulator", "server", "plugin", "demo"],
  },
});
