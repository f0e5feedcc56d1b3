import { type ServerType, serve } from "@hono/node-server";
import { StartupError } from "./startup-error.ts";

/**
 * Listens, or fails with the StartupError that says why: Node reports a port in use or a HOST that is not
 * this machine's as an 'error' event, which left unhandled ended the process with a stack trace (exit 1).
 */
export function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  port: number,
  host: string,
): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname: host }, () => {
      server.off("error", onError);
      resolve(server);
    });
    const onError = (error: NodeJS.ErrnoException) => {
      server.close();
      reject(listenError(error, host, port));
    };
    server.once("error", onError);
  });
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  const address = `${host}:${port}`;
  switch (error.code) {
    case "EADDRINUSE":
      return new StartupError("LISTEN_ADDRESS_IN_USE", { address }, { cause: error });
    case "EACCES":
      return new StartupError("LISTEN_PERMISSION_DENIED", { address }, { cause: error });
    // EADDRNOTAVAIL: an address of another machine; ENOTFOUND/EAI_AGAIN: a name that does not resolve.
    case "EADDRNOTAVAIL":
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "EAI_FAIL":
      return new StartupError(
        "LISTEN_ADDRESS_UNAVAILABLE",
        { address, host, reason: error.code },
        { cause: error },
      );
    default:
      return error;
  }
}
