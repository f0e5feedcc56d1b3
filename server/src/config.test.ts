import { describe, expect, test } from "vitest";
import { ConfigError, readConfig } from "./config.ts";

// Issue 12 #11: a value that is set but wrong stops the start (exit 2 in main.ts); it never falls back
// to a default the operator did not choose, so the operator learns of the typo at once.
describe("readConfig refuses", () => {
  test.each([
    ["PORT not a number", { PORT: "abc" }, "CONFIG_PORT_INVALID"],
    ["PORT negative", { PORT: "-1" }, "CONFIG_PORT_INVALID"],
    ["PORT too large", { PORT: "65536" }, "CONFIG_PORT_INVALID"],
    ["PORT with a fraction", { PORT: "80.5" }, "CONFIG_PORT_INVALID"],
    ["HOST with a space", { HOST: "127.0.0.1 " }, "CONFIG_HOST_INVALID"],
    ["HOST a URL", { HOST: "http://localhost" }, "CONFIG_HOST_INVALID"],
    ["ADMIN_TOKEN too short", { ADMIN_TOKEN: "short" }, "CONFIG_ADMIN_TOKEN_INVALID"],
    ["ADMIN_TOKEN of spaces", { ADMIN_TOKEN: " ".repeat(20) }, "CONFIG_ADMIN_TOKEN_INVALID"],
    ["ADMIN_TOKEN with a space", { ADMIN_TOKEN: "0123456789 abcdefghij" }, "CONFIG_ADMIN_TOKEN_INVALID"],
    ["a * over a whole TLD", { KINTONE_ALLOWED_ORIGINS: "https://*.com" }, "CONFIG_ALLOWED_ORIGINS_INVALID"],
    ["a bare *", { KINTONE_ALLOWED_ORIGINS: "https://*" }, "CONFIG_ALLOWED_ORIGINS_INVALID"],
    [
      "a * inside a label",
      { KINTONE_ALLOWED_ORIGINS: "https://a*.cybozu.com" },
      "CONFIG_ALLOWED_ORIGINS_INVALID",
    ],
    ["JOB_LEASE_MS not a number", { JOB_LEASE_MS: "abc" }, "CONFIG_NUMBER_INVALID"],
    ["JOB_LEASE_MS negative", { JOB_LEASE_MS: "-5000" }, "CONFIG_NUMBER_INVALID"],
    ["JOB_LEASE_MS below its minimum", { JOB_LEASE_MS: "299" }, "CONFIG_NUMBER_INVALID"],
    ["JOB_LEASE_MS in seconds notation", { JOB_LEASE_MS: "30s" }, "CONFIG_NUMBER_INVALID"],
    ["SCHEDULER_TICK_MS negative", { SCHEDULER_TICK_MS: "-1" }, "CONFIG_NUMBER_INVALID"],
    ["SCHEDULER_TICK_MS zero", { SCHEDULER_TICK_MS: "0" }, "CONFIG_NUMBER_INVALID"],
    [
      "SCHEDULER_TICK_MS beyond a timer's range",
      { SCHEDULER_TICK_MS: "2147483648" },
      "CONFIG_NUMBER_INVALID",
    ],
    ["SCHEDULER_TICK_MS a fraction", { SCHEDULER_TICK_MS: "0.5" }, "CONFIG_NUMBER_INVALID"],
    ["KINTONE_DAILY_LIMIT not a number", { KINTONE_DAILY_LIMIT: "many" }, "CONFIG_NUMBER_INVALID"],
    ["KINTONE_DAILY_LIMIT zero", { KINTONE_DAILY_LIMIT: "0" }, "CONFIG_NUMBER_INVALID"],
    ["MAX_INITIAL_RECORDS zero", { MAX_INITIAL_RECORDS: "0" }, "CONFIG_NUMBER_INVALID"],
    ["MAX_INITIAL_RECORDS with a separator", { MAX_INITIAL_RECORDS: "5,000" }, "CONFIG_NUMBER_INVALID"],
    [
      "MAX_INITIAL_RECORDS above the settings' bound",
      { MAX_INITIAL_RECORDS: "1000001" },
      "CONFIG_NUMBER_INVALID",
    ],
    ["DATABASE_URL of MySQL", { DATABASE_URL: "mysql://u:p@db/fa" }, "CONFIG_DATABASE_URL_UNSUPPORTED"],
    ["DATABASE_URL a SQLite file", { DATABASE_URL: "./data/x.sqlite" }, "CONFIG_DATABASE_URL_UNSUPPORTED"],
    ["ROLE unknown", { ROLE: "scheduler" }, "CONFIG_ROLE_INVALID"],
    ["ROLE in capitals", { ROLE: "WEB" }, "CONFIG_ROLE_INVALID"],
    ["WORKER_THREAD not a flag", { WORKER_THREAD: "no" }, "CONFIG_NUMBER_INVALID"],
  ])("%s", (_name, env, code) => {
    let thrown: unknown;
    try {
      readConfig(env);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).code).toBe(code);
  });

  test("a refused DATABASE_URL is named by its scheme only: the URL carries the password", () => {
    expect(() => readConfig({ DATABASE_URL: "mysql://fa:hunter2@db/fa" })).toThrow(
      'DATABASE_URL must be a PostgreSQL URL (postgres://user:password@host:5432/database), got "mysql:"',
    );
    expect(() => readConfig({ DATABASE_URL: "mysql://fa:hunter2@db/fa" })).not.toThrow(/hunter2/);
  });

  test("the message names the variable and the value, and says what is expected", () => {
    expect(() => readConfig({ JOB_LEASE_MS: "abc" })).toThrow(
      'JOB_LEASE_MS must be a whole number from 300 to 2147483647, got "abc"',
    );
  });
});

describe("readConfig accepts", () => {
  test("nothing set: the documented defaults", () => {
    expect(readConfig({})).toMatchObject({
      port: 8787,
      host: "127.0.0.1",
      dataDir: "./data",
      adminToken: null,
      schedulerTickMs: 60_000,
      jobLeaseMs: 30_000,
      kintoneDailyLimit: 10_000,
      maxInitialRecords: 3000,
      role: "all",
      workerThread: true,
    });
  });

  test("DATABASE_URL: postgres:// and postgresql:// (PostgreSQL), unset or empty (SQLite)", () => {
    expect(readConfig({ DATABASE_URL: "postgres://fa@db:5432/fa" }).databaseUrl).toBe(
      "postgres://fa@db:5432/fa",
    );
    expect(readConfig({ DATABASE_URL: "postgresql://fa@db/fa" }).databaseUrl).toBe("postgresql://fa@db/fa");
    expect(readConfig({ DATABASE_URL: "" }).databaseUrl).toBeNull();
    expect(readConfig({}).databaseUrl).toBeNull();
  });

  test("empty values count as unset", () => {
    expect(readConfig({ PORT: "", ADMIN_TOKEN: "", JOB_LEASE_MS: "", HOST: "" })).toMatchObject({
      port: 8787,
      adminToken: null,
      jobLeaseMs: 30_000,
      host: "127.0.0.1",
    });
  });

  test.each([
    ["PORT 0 (any free port)", { PORT: "0" }, { port: 0 }],
    ["HOST an IPv4 address", { HOST: "0.0.0.0" }, { host: "0.0.0.0" }],
    ["HOST an IPv6 address", { HOST: "::1" }, { host: "::1" }],
    ["HOST a name", { HOST: "localhost" }, { host: "localhost" }],
    ["ADMIN_TOKEN of 16 characters", { ADMIN_TOKEN: "0123456789abcdef" }, { adminToken: "0123456789abcdef" }],
    ["JOB_LEASE_MS at its minimum", { JOB_LEASE_MS: "300" }, { jobLeaseMs: 300 }],
    ["SCHEDULER_TICK_MS short (tests)", { SCHEDULER_TICK_MS: "100" }, { schedulerTickMs: 100 }],
    [
      "KINTONE_DAILY_LIMIT of the wide course",
      { KINTONE_DAILY_LIMIT: "100000" },
      { kintoneDailyLimit: 100_000 },
    ],
    [
      "MAX_INITIAL_RECORDS raised by the operator",
      { MAX_INITIAL_RECORDS: "20000" },
      { maxInitialRecords: 20_000 },
    ],
    ["ROLE web", { ROLE: "web" }, { role: "web" }],
    ["ROLE worker", { ROLE: "worker" }, { role: "worker" }],
    ["WORKER_THREAD false (jobs on the HTTP loop)", { WORKER_THREAD: "false" }, { workerThread: false }],
  ])("%s", (_name, env, expected) => {
    expect(readConfig(env)).toMatchObject(expected);
  });

  test("a * with two labels below it", () => {
    expect(
      readConfig({ KINTONE_ALLOWED_ORIGINS: "https://*.kintone-staging.example.com,http://localhost:*" })
        .allowedOrigins,
    ).toHaveLength(7);
  });
});
