import { parseArgs } from "node:util";
import { tenantCreateSchema } from "@front-agent/shared";
import { readConfig } from "./config.ts";
import { loadSecretKey } from "./crypto/secret-key.ts";
import { createTenant } from "./services/tenants.ts";
import { StartupError } from "./startup-error.ts";
import { openStorage } from "./storage/index.ts";

const USAGE = `usage: pnpm --filter @front-agent/server cli tenant create --name NAME

Creates a tenant in the database under DATA_DIR (default ./data) and prints its secrets once, as JSON:
the connection key (for the kintone plug-in), the service token and webhook secret (for Front Agent).`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { name: { type: "string" }, help: { type: "boolean" } },
});

if (values.help || positionals[0] !== "tenant" || positionals[1] !== "create") {
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}
const parsed = tenantCreateSchema.safeParse({ name: values.name });
if (!parsed.success) {
  console.error(`--name is required (1-100 characters)\n\n${USAGE}`);
  process.exit(2);
}
try {
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
} catch (error) {
  if (error instanceof StartupError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
