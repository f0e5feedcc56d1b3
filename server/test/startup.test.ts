// Starting and stopping the real backend process (issue 12 #4, #9, #10, #11, #12): an operator's mistake
// or damaged data must stop the start with exit code 2 and one JSON line that says what to do, never a
// stack trace, a 500 on every event, or a server quietly running on an empty database; a signal must
// end it with exit code 0 and a "stopped" line, which is what lets `pnpm start` end without an error.
import { randomBytes } from "node:crypto";
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { StorageKind } from "../src/storage/testing.ts";
import { type BackendProcess, bundleBackend, killBackends, spawnBackend } from "./bundled-backend.ts";
import { freePort } from "./child-backend.ts";
import { fillDatabase } from "./filled-database.ts";
import { type BackendData, createBackendData, forEachDatabase } from "./harness.ts";

// Each test spawns its own processes on its own DATA_DIR, so they run side by side (the project's
// minute-long timeout covers a start on a busy machine).

let bundle: Awaited<ReturnType<typeof bundleBackend>>;
let root: string;
const made: BackendData[] = [];
beforeAll(async () => {
  [bundle, root] = await Promise.all([bundleBackend(), mkdtempSync(join(tmpdir(), "fa-startup-"))]);
});
afterAll(async () => {
  killBackends();
  bundle?.remove();
  for (const data of made) await data.remove();
  rmSync(root, { recursive: true, force: true });
});

let dirs = 0;
function newDataDir(): string {
  dirs++;
  return join(root, `data-${dirs}`);
}

/** DATA_DIR (not made yet: the backend makes it) and DATABASE_URL: a new database on PostgreSQL. */
async function newData(database: StorageKind): Promise<BackendData["env"]> {
  const data = await createBackendData(database, newDataDir());
  made.push(data);
  return data.env;
}

const keyA = randomBytes(32).toString("base64");
const keyB = randomBytes(32).toString("base64");

function start(env: Record<string, string>): BackendProcess {
  return spawnBackend(bundle.main, { HOST: "127.0.0.1", PORT: "0", ...env });
}

const listening = (line: Record<string, unknown>) => line.msg === "listening";

/** Starts, waits until it listens, and stops with SIGTERM; what a clean run looks like. */
async function startAndStop(env: Record<string, string>): Promise<void> {
  const backend = start(env);
  await backend.line(listening);
  backend.proc.kill("SIGTERM");
  expect(await backend.exited).toEqual({ code: 0, signal: null });
}

/** Exit code 2, nothing on stderr (no stack trace), and exactly one JSON line: the error with its code. */
async function expectRefused(backend: BackendProcess, code: string): Promise<string> {
  // A backend that starts instead of refusing fails the test at once rather than at its timeout.
  const started = await Promise.race([
    backend.exited.then(() => false),
    backend.line(listening).then(
      () => true,
      () => false,
    ),
  ]);
  if (started) backend.proc.kill("SIGKILL");
  expect(started, "started instead of refusing").toBe(false);
  const exit = await backend.exited;
  expect({ exit, stderr: backend.stderr(), lines: backend.lines.length }).toEqual({
    exit: { code: 2, signal: null },
    stderr: "",
    lines: 1,
  });
  expect(backend.lines[0]).toMatchObject({ level: "error", code });
  return String(backend.lines[0]?.msg);
}

forEachDatabase((database) => {
  describe.concurrent("stopping", () => {
    test("SIGTERM: exit code 0 and one 'stopped' line", async () => {
      const backend = start({ ...(await newData(database)), SECRET_KEY: keyA });
      await backend.line(listening);
      backend.proc.kill("SIGTERM");
      expect(await backend.exited).toEqual({ code: 0, signal: null });
      expect(backend.lines.filter((l) => l.msg === "stopped")).toEqual([
        expect.objectContaining({ level: "info", msg: "stopped", signal: "SIGTERM" }),
      ]);
      expect(backend.stderr()).toBe("");
    });

    test("Ctrl+C under pnpm (SIGINT from the terminal, then SIGINT forwarded by pnpm): still exit code 0", async () => {
      const backend = start({ ...(await newData(database)), SECRET_KEY: keyA });
      await backend.line(listening);
      backend.proc.kill("SIGINT");
      backend.proc.kill("SIGINT");
      expect(await backend.exited).toEqual({ code: 0, signal: null });
      expect(backend.lines.filter((l) => l.msg === "stopped")).toHaveLength(1);
    });
  });

  describe.concurrent("the secret key", () => {
    test("key A, stop, key B → exit 2 naming SECRET_KEY (never the key); key A again → starts", async () => {
      const data = await newData(database);
      await startAndStop({ ...data, SECRET_KEY: keyA });

      const wrong = start({ ...data, SECRET_KEY: keyB });
      const msg = await expectRefused(wrong, "SECRET_KEY_MISMATCH");
      expect(msg).toMatch(/^SECRET_KEY is not the key this database/);
      expect(msg).toMatch(/restore|put back secret\.key/i);
      expect(JSON.stringify(wrong.lines)).not.toContain(keyB);
      expect(JSON.stringify(wrong.lines)).not.toContain(keyA);

      await startAndStop({ ...data, SECRET_KEY: keyA });
    });

    test("a secret.key replaced by a new one is refused, naming the file", async () => {
      const data = await newData(database);
      await startAndStop(data);
      writeFileSync(join(data.DATA_DIR, "secret.key"), `${keyB}\n`, { mode: 0o600 });
      const msg = await expectRefused(start(data), "SECRET_KEY_MISMATCH");
      expect(msg).toContain(join(data.DATA_DIR, "secret.key"));
    });
  });

  describe.concurrent("the environment", () => {
    test("a port in use → exit 2, LISTEN_ADDRESS_IN_USE", async () => {
      const port = await freePort();
      const other = createServer().listen(port, "127.0.0.1");
      try {
        const msg = await expectRefused(
          start({ ...(await newData(database)), SECRET_KEY: keyA, PORT: String(port) }),
          "LISTEN_ADDRESS_IN_USE",
        );
        expect(msg).toContain(`127.0.0.1:${port}`);
      } finally {
        other.close();
      }
    });

    test("a HOST that is not this machine's → exit 2, LISTEN_ADDRESS_UNAVAILABLE", async () => {
      // 192.0.2.1 is TEST-NET-1 (RFC 5737): never an address of this machine.
      const msg = await expectRefused(
        start({ ...(await newData(database)), SECRET_KEY: keyA, HOST: "192.0.2.1" }),
        "LISTEN_ADDRESS_UNAVAILABLE",
      );
      expect(msg).toContain("192.0.2.1");
    });

    test("DATA_DIR that is a file → exit 2, DATA_DIR_NOT_A_DIRECTORY", async () => {
      const data = await newData(database);
      writeFileSync(data.DATA_DIR, "x");
      const msg = await expectRefused(start(data), "DATA_DIR_NOT_A_DIRECTORY");
      expect(msg).toContain(data.DATA_DIR);
    });

    test("an invalid variable (ADMIN_TOKEN of spaces) → exit 2 from readConfig, before anything is written", async () => {
      const data = await newData(database);
      await expectRefused(start({ ...data, ADMIN_TOKEN: " ".repeat(20) }), "CONFIG_ADMIN_TOKEN_INVALID");
      expect(() => statSync(data.DATA_DIR)).toThrow();
    });
  });
});

// SQLite only: these are about the SQLite file itself (its modes, damage to it), which PostgreSQL has not.
describe.concurrent("file permissions", () => {
  test("DATA_DIR is 0700; the database, its -wal and -shm and secret.key are 0600", async () => {
    const dataDir = newDataDir();
    const backend = start({ DATA_DIR: dataDir });
    await backend.line(listening);
    const modes = Object.fromEntries(
      ["", "front-agent.sqlite", "front-agent.sqlite-wal", "front-agent.sqlite-shm", "secret.key"].map(
        (f) => [f || "DATA_DIR", (statSync(join(dataDir, f)).mode & 0o777).toString(8)],
      ),
    );
    backend.proc.kill("SIGTERM");
    await backend.exited;
    expect(modes).toEqual({
      DATA_DIR: "700",
      "front-agent.sqlite": "600",
      "front-agent.sqlite-wal": "600",
      "front-agent.sqlite-shm": "600",
      "secret.key": "600",
    });
  });
});

describe.concurrent("a damaged database", () => {
  test("8 KiB of garbage in the middle of the file → exit 2: which file, restore the backup", async () => {
    const dataDir = newDataDir();
    await fillDatabase(dataDir, Buffer.from(keyA, "base64"), 3_000);
    const file = join(dataDir, "front-agent.sqlite");
    const middle = Math.floor(statSync(file).size / 2 / 4096) * 4096;
    const fd = openSync(file, "r+");
    writeSync(fd, randomBytes(8192), 0, 8192, middle);
    closeSync(fd);
    const msg = await expectRefused(start({ DATA_DIR: dataDir, SECRET_KEY: keyA }), "DATABASE_CORRUPT");
    expect(msg).toContain(file);
    expect(msg).toMatch(/restore front-agent\.sqlite from the backup/i);
  });

  test("a zero-length database file → exit 2 instead of starting empty", async () => {
    const dataDir = newDataDir();
    await fillDatabase(dataDir, Buffer.from(keyA, "base64"), 10);
    writeFileSync(join(dataDir, "front-agent.sqlite"), "");
    const msg = await expectRefused(start({ DATA_DIR: dataDir, SECRET_KEY: keyA }), "DATABASE_EMPTY");
    expect(msg).toContain(join(dataDir, "front-agent.sqlite"));
    expect(msg).toMatch(/restore front-agent\.sqlite from the backup/i);
  });
});
