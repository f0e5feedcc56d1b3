import { ConfigError, readConfig } from "./config.ts";
import { SecretKeyError } from "./crypto/secret-key.ts";
import { startServer } from "./server.ts";

const log = (entry: object) => console.log(JSON.stringify({ time: new Date().toISOString(), ...entry }));

try {
  const config = readConfig(process.env);
  const server = await startServer(config, { log });
  log({
    level: "info",
    msg: "listening",
    url: server.url,
    dataDir: config.dataDir,
    adminApi: config.adminToken !== null,
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      void server.close().then(() => process.exit(0));
    });
  }
} catch (error) {
  if (error instanceof ConfigError || error instanceof SecretKeyError) {
    log({ level: "error", msg: error.message });
    process.exit(2);
  }
  throw error;
}
