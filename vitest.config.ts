import { defineConfig } from "vitest/config";

// One vitest run over every package, so one report (and one summary line) covers the whole workspace.
export default defineConfig({
  test: {
    projects: ["shared", "emulator", "server", "plugin", "demo"],
    // vitest's default on a 2-core machine is one worker: the files ran one after another and most of a
    // file's start (transform, imports) and its waits on child processes left the other core idle.
    maxWorkers: 2,
  },
});
