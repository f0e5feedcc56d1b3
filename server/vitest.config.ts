import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "@front-agent/server",
    // One PostgreSQL for the run: the storage tests (and some HTTP tests) run on SQLite and PostgreSQL.
    globalSetup: ["test/postgres-global-setup.ts"],
  },
});
