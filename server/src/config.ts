/** The environment of API.md "Running"; later issues add the rest of its variables here. */
export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
}

export function readConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const port = env.PORT === undefined || env.PORT === "" ? 8787 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number (0-65535), got "${env.PORT}"`);
  }
  return { port, host: env.HOST || "127.0.0.1", dataDir: env.DATA_DIR || "./data" };
}
