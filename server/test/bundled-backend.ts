import { type ChildProcess, execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const serverDir = fileURLToPath(new URL("..", import.meta.url));

/** Set by bundle-global-setup.ts: the folder the run's one bundle is built in, by the first file that asks. */
export const SHARED_BUNDLE_ENV = "FA_TEST_BUNDLE_DIR";

function build(outdir: string): Promise<unknown> {
  return promisify(execFile)(process.execPath, ["build.mjs", outdir], { cwd: serverDir });
}

/**
 * The backend bundled the way `pnpm start` runs it (build.mjs), into a folder of its own under server/ so
 * node_modules is found and no `pnpm start` rewriting dist/ can race it. A spawn of the bundle starts in
 * about 0.5 s, against 2 s through the tsx loader: tests that start the process many times use this.
 *
 * In a vitest run the bundle is built once, by the first test file that asks, and the others use it: six
 * files spawn the backend, and a build takes 1–2 s idle, several on a busy machine. remove() then leaves it
 * to the run's teardown.
 */
export async function bundleBackend(): Promise<{ main: string; remove(): void }> {
  const shared = process.env[SHARED_BUNDLE_ENV];
  if (shared) {
    await sharedBuild(shared);
    return { main: join(shared, "main.mjs"), remove: () => {} };
  }
  const outdir = mkdtempSync(join(serverDir, "node_modules", ".fa-test-bundle-"));
  await build(outdir);
  return { main: join(outdir, "main.mjs"), remove: () => rmSync(outdir, { recursive: true, force: true }) };
}

/**
 * Builds the run's bundle into `dir` unless another worker does or did: mkdir is the lock (one process wins
 * it), a `ready` file says the build is whole. A failed build removes the lock so that the error is seen by
 * the file that built it and the next file tries again.
 */
async function sharedBuild(dir: string): Promise<void> {
  const ready = join(dir, "ready");
  const lock = `${dir}.lock`;
  for (const deadline = Date.now() + 180_000; !existsSync(ready); ) {
    let mine = false;
    try {
      mkdirSync(lock);
      mine = true;
    } catch {
      // Another worker is building it.
    }
    if (mine) {
      try {
        if (!existsSync(ready)) {
          await build(dir);
          writeFileSync(ready, "");
        }
      } finally {
        rmSync(lock, { recursive: true, force: true });
      }
      return;
    }
    if (Date.now() > deadline)
      throw new Error(`the shared backend bundle in ${dir} was not built in 3 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface BackendProcess {
  proc: ChildProcess;
  /** Every JSON line written to stdout so far. */
  lines: Array<Record<string, unknown>>;
  /** Anything on stderr (a stack trace would land here). */
  stderr(): string;
  /** Resolves with the first stdout line `match` accepts. */
  line(
    match: (line: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<ChildProcess>();

/** Kills every backend still running: a test that failed half-way must not leave one serving. */
export function killBackends(): void {
  for (const proc of running) proc.kill("SIGKILL");
}

/** Spawns `node <main>` with only the given environment on top of PATH, as an operator would start it. */
export function spawnBackend(main: string, env: Record<string, string>): BackendProcess {
  const proc = spawn(process.execPath, [main], {
    cwd: serverDir,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(proc);
  const lines: Array<Record<string, unknown>> = [];
  const waiters = new Set<() => void>();
  let stdout = "";
  let stderr = "";
  proc.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    let end = stdout.indexOf("\n");
    while (end >= 0) {
      const text = stdout.slice(0, end);
      stdout = stdout.slice(end + 1);
      lines.push(parseLine(text));
      end = stdout.indexOf("\n");
    }
    for (const wake of waiters) wake();
  });
  proc.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  let done = false;
  const exited = once(proc, "close").then(([code, signal]) => {
    done = true;
    running.delete(proc);
    for (const wake of waiters) wake();
    return { code: code as number | null, signal: signal as NodeJS.Signals | null };
  });
  return {
    proc,
    lines,
    stderr: () => stderr,
    exited,
    line: (match, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => finish(new Error(`no matching line in ${JSON.stringify(lines)}`)),
          timeoutMs,
        );
        const check = () => {
          const found = lines.find(match);
          if (found) finish(undefined, found);
          else if (done)
            finish(new Error(`exited without a matching line: ${JSON.stringify(lines)} ${stderr}`));
        };
        const finish = (error?: Error, found?: Record<string, unknown>) => {
          clearTimeout(timer);
          waiters.delete(check);
          if (found) resolve(found);
          else reject(error);
        };
        waiters.add(check);
        check();
      }),
  };
}

function parseLine(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { notJson: text };
  }
}
