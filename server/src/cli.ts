import { parseArgs } from "node:util";
import { formatCode, tenantCreateSchema } from "@front-agent/shared";
import { readConfig } from "./config.ts";
import { loadSecretKey } from "./crypto/secret-key.ts";
import { createTenant } from "./services/tenants.ts";
import { StartupError } from "./startup-error.ts";
import { assertSqliteSource, copySqliteToPostgres } from "./storage/copy-database.ts";
import { openStorage, redactUrl } from "./storage/index.ts";
import { isPostgresUrl } from "./storage/postgres.ts";

const USAGE = `usage: pnpm --filter @front-agent/server cli tenant create --name NAME
       pnpm --filter @front-agent/server cli database copy --to postgres://USER:PASSWORD@HOST:5432/DATABASE

tenant create: creates a tenant in the database (DATA_DIR, default ./data, or DATABASE_URL) and prints its
secrets once, as JSON: the connection key (for the kintone plug-in), the service token and webhook secret
(for Front Agent).

database copy: copies the SQLite database under DATA_DIR (default ./data) into an empty PostgreSQL
database, with the same SECRET_KEY (or DATA_DIR/secret.key) as the server, and prints the rows copied per
table as JSON. Stop the server first (docs/operator-guide.md "Moving from SQLite to PostgreSQL").`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { name: { type: "string" }, to: { type: "string" }, help: { type: "boolean" } },
});

const command = positionals.join(" ");
if (values.help || (command !== "tenant create" && command !== "database copy")) {
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}
try {
  if (command === "tenant create") await tenantCreate();
  else await databaseCopy();
} catch (error) {
  if (!(error instanceof StartupError)) throw error;
  console.error(error.message);
  process.exit(2);
}

async function tenantCreate(): Promise<void> {
  const parsed = tenantCreateSchema.safeParse({ name: values.name });
  if (!parsed.success) {
    console.error(`--name is required (1-100 characters)\n\n${USAGE}`);
    process.exit(2);
  }
  const config = readConfig(process.env);
  const secret = loadSecretKey(config.secretKey, config.dataDir);
  // With the key: a tenant encrypted with another key than the server's would never work.
  const storage = await openStorage({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    secretKey: secret,
  });
  try {
    console.log(JSON.stringify(await createTenant(storage, secret.key, parsed.data.name, new Date())));
  } finally {
    await storage.close();
  }
}

/**
 * Refusals are printed in Japanese, then English; nothing printed — a refusal, an unexpected error or the
 * summary — holds the target's password.
 */
async function databaseCopy(): Promise<void> {
  const to = values.to;
  if (!to) {
    console.error(`--to postgres://… is required\n\n${USAGE}`);
    process.exit(2);
  }
  // The messages name the target by redactUrl already; this also covers an error's text that echoes it.
  const hide = (text: string) =>
    passwordsIn(to).reduce(
      (out, password) => out.split(`:${password}@`).join(":***@"),
      text.split(to).join(redactUrl(to)),
    );
  try {
    if (!isPostgresUrl(to)) {
      const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(to)?.[1];
      throw new StartupError("COPY_TARGET_NOT_POSTGRES", { scheme: scheme ? `${scheme}:` : "(no scheme)" });
    }
    const config = readConfig(process.env);
    if (config.databaseUrl !== null) {
      throw new StartupError("COPY_SOURCE_NOT_SQLITE", { database: redactUrl(config.databaseUrl) });
    }
    assertSqliteSource(config.dataDir);
    const secretKey = loadSecretKey(config.secretKey, config.dataDir);
    console.log(
      JSON.stringify(await copySqliteToPostgres({ dataDir: config.dataDir, databaseUrl: to, secretKey })),
    );
  } catch (error) {
    if (error instanceof StartupError) {
      console.error(hide(formatCode(error.code, "ja", error.params)));
      console.error(hide(formatCode(error.code, "en", error.params)));
      process.exit(2);
    }
    console.error(hide(error instanceof Error ? (error.stack ?? error.message) : String(error)));
    process.exit(1);
  }
}

/** The URL's password as written and decoded (%-escapes), to blank out of anything printed. */
function passwordsIn(url: string): string[] {
  let raw: string;
  try {
    raw = new URL(url).password;
  } catch {
    return [];
  }
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {}
  return [...new Set([raw, decoded])].filter((password) => password !== "");
}
