import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

/** One request as it arrived: what a kintone stand-in would have learned from it, headers included. */
export interface RecordedRequest {
  method: string;
  /** Path and query string. */
  url: string;
  headers: IncomingHttpHeaders;
}

/** What to answer a request with. */
export type Reply =
  | { kind: "redirect"; status: 301 | 302 | 303 | 307 | 308; location: string }
  | { kind: "forward"; to: string }
  | { kind: "json"; status: number; body: unknown };

export interface RecordingServer {
  /** `http://localhost:P`: the official kintone client takes plain http for the host `localhost` only. */
  url: string;
  /** `http://127.0.0.1:P`: the same server under a host KINTONE_ALLOWED_ORIGINS=http://localhost:* does not allow. */
  ipUrl: string;
  requests: RecordedRequest[];
  /** Decides each reply; replaceable while the server runs. */
  reply: (req: RecordedRequest) => Reply;
  close(): Promise<void>;
}

/**
 * An HTTP server on loopback that records every request with its headers and answers as told: a redirect,
 * the request forwarded to another server (e.g. the kintone emulator), or fixed JSON. For tests of what
 * reaches which host.
 */
export async function startRecordingServer(reply: RecordingServer["reply"]): Promise<RecordingServer> {
  const self: RecordingServer = {
    url: "",
    ipUrl: "",
    requests: [],
    reply,
    close: async () => {},
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const recorded = { method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers };
    self.requests.push(recorded);
    const body = Buffer.concat(await req.toArray());
    const answer = self.reply(recorded);
    if (answer.kind === "redirect") {
      res.writeHead(answer.status, { location: answer.location, "content-length": "0" }).end();
    } else if (answer.kind === "json") {
      res.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.body));
    } else {
      const target = new URL(recorded.url, answer.to);
      const headers = { ...req.headers, host: target.host };
      const out = request(target, { method: recorded.method, headers }, (upstream) => {
        res.writeHead(upstream.statusCode ?? 502, upstream.headers);
        upstream.pipe(res);
      });
      out.on("error", () => res.writeHead(502).end());
      out.end(body);
    }
  };
  const listen = (server: Server, port: number, host: string) =>
    new Promise<boolean>((resolve) => {
      server.once("error", () => resolve(false));
      server.listen(port, host, () => resolve(true));
    });
  const v4 = createServer((req, res) => void handle(req, res));
  if (!(await listen(v4, 0, "127.0.0.1"))) throw new Error("cannot listen on 127.0.0.1");
  const { port } = v4.address() as AddressInfo;
  // `localhost` may resolve to ::1 first; answer there too where the machine has IPv6 loopback.
  const v6 = createServer((req, res) => void handle(req, res));
  const servers = (await listen(v6, port, "::1")) ? [v4, v6] : [v4];
  self.url = `http://localhost:${port}`;
  self.ipUrl = `http://127.0.0.1:${port}`;
  self.close = async () => {
    await Promise.all(
      servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            s.close(() => resolve());
            s.closeAllConnections();
          }),
      ),
    );
  };
  return self;
}

/** The API token header of a recorded request, if it carried one. */
export function apiTokenOf(req: RecordedRequest): string | undefined {
  const value = req.headers["x-cybozu-api-token"];
  return Array.isArray(value) ? value.join(",") : value;
}
