import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "@front-agent/server",
    // One PostgreSQL for the run: the storage tests (and some HTTP tests) run on SQLite and PostgreSQL.
    // One backend bundle for the run, built when a file first spawns the backend (bundled-backend.ts).
    globalSetup: ["test/postgres-global-setup.ts", "test/bundle-global-setup.ts"],
    // The work here is real: a SQLite file or a PostgreSQL database, an HTTP server and the emulator per
    // suite, imports of thousands of records, backend processes. The slowest test takes ~9 s on an idle
    // machine; on a busy 2-core one (another build beside the suite) it took over 5 s where it takes 1 s
    // idle. So a test or hook fails after a minute, not vitest's 5 s; a wait inside a test
    // (harness.ts `eventually`) gives up first, at 30 s, naming what it waited for.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
