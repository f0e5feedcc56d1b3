import { readConfig } from "./config.ts";
import { startServer } from "./server.ts";

const config = readConfig(process.env);
const server = await startServer(config);
console.log(JSON.stringify({ level: "info", msg: "listening", url: server.url, dataDir: config.dataDir }));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
