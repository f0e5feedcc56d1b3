import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createApp } from "./app.ts";
import type { ServerConfig } from "./config.ts";
import { openSqlite } from "./storage/database.ts";

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Opens the database and listens; port 0 picks a free port (tests). */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const db = openSqlite(config.dataDir);
  const app = createApp({ db });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${config.host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => {
          db.close();
          if (err) reject(err);
          else resolve();
        });
      }),
  };
}
