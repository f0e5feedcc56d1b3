import { readConfig } from "./config.ts";
import { startServer } from "./server.ts";
import { StartupError } from "./startup-error.ts";
import { redactUrl } from "./storage/index.ts";

const log = (entry: object) => console.log(JSON.stringify({ time: new Date().toISOString(), ...entry }));

// Exit codes (docs/operator-guide.md "Exit codes"): 0 stopped on a signal, 2 a configuration or data
// problem the operator can fix (one JSON line says which and how), 1 anything unexpected.
try {
  const config = readConfig(process.env);
  const server = await startServer(config, { log, jobs: config.workerThread ? "thread" : "loop" });
  // `on`, not `once`: Ctrl+C reaches the whole process group and pnpm then forwards SIGINT once more, so a
  // second signal arrives while the first is being handled. With `once` it killed the process by the
  // signal, and pnpm reported the stop as a failed run (ERR_PNPM_RECURSIVE_RUN_FIRST_FAIL).
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      server.close().then(
        () => {
          log({ level: "info", msg: "stopped", signal });
          process.exit(0);
        },
        (error: unknown) => {
          log({ level: "error", msg: "stop failed", signal, error: describe(error) });
          process.exit(1);
        },
      );
    });
  }
  // Only now: whoever reads this line may stop the process at once, and the handlers must be there.
  log({
    level: "info",
    msg: "listening",
    url: server.url,
    role: config.role,
    dataDir: config.dataDir,
    // Which database, the password left out: PostgreSQL's URL, or the SQLite file under dataDir.
    database: config.databaseUrl === null ? "sqlite" : redactUrl(config.databaseUrl),
    adminApi: config.adminToken !== null,
  });
} catch (error) {
  if (error instanceof StartupError) {
    log({ level: "error", code: error.code, msg: error.message });
    process.exit(2);
  }
  log({ level: "error", msg: "start failed", error: describe(error) });
  process.exit(1);
}

/** An unexpected error as one log line's field: its message and, for a bug report, its stack. */
function describe(error: unknown): { message: string; stack?: string } {
  return error instanceof Error ? { message: error.message, stack: error.stack } : { message: String(error) };
}
