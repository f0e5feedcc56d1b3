import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { SeedSpec } from "./control/seed.ts";
import { templateSeed } from "./seed/template.ts";
import { startEmulator } from "./start.ts";

const USAGE = `usage: pnpm emulator [--port N] [--seed template|FILE.json] [--customers N]

  --port N         listen on N (default: a free port), on 127.0.0.1
  --seed template  the two Front Agent template apps, sample customers and users
  --seed FILE      a seed file (JSON, see emulator/README.md)
  --customers N    with --seed template: how many sample customers (default 300)

Prints one JSON line with the URL, the apps, their API tokens and the users, then serves until stopped.`;

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    seed: { type: "string" },
    customers: { type: "string" },
    help: { type: "boolean" },
  },
});

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const port = values.port === undefined ? 0 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, got "${values.port}"\n\n${USAGE}`);
  process.exit(2);
}
let seed: SeedSpec | undefined;
if (values.seed === "template") {
  seed = templateSeed({ customers: values.customers === undefined ? 300 : Number(values.customers) });
} else if (values.seed !== undefined) {
  seed = JSON.parse(readFileSync(values.seed, "utf8")) as SeedSpec;
}

const emulator = await startEmulator({ port, ...(seed ? { seed } : {}) });
const apps = Object.fromEntries(
  Object.entries(emulator.seed?.apps ?? {}).map(([key, app]) => [
    key,
    { appId: app.appId, apiToken: app.tokens[0] ?? null },
  ]),
);
console.log(JSON.stringify({ url: emulator.url, apps, users: emulator.seed?.users ?? [] }));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void emulator.close().then(() => process.exit(0));
  });
}
