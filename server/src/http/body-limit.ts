import type { MiddlewareHandler } from "hono";
import { AppError } from "./app-error.ts";

/** API.md: bodies over 1 MiB answer 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Every request body is read through a counter that fails at `maxBytes` (413 PAYLOAD_TOO_LARGE in our
 * envelope). A declared Content-Length over it is refused before anything is read; a chunked body
 * (Transfer-Encoding, no Content-Length) is refused at the chunk that crosses the limit, so a 300 MB
 * upload costs at most the limit in memory (issue 12 #5). The counting is lazy: nothing is read until the
 * route reads, i.e. after authentication. What the client still sends after the answer is drained and
 * dropped by @hono/node-server, which then closes the connection.
 */
export function bodyLimit(maxBytes: number = MAX_BODY_BYTES): MiddlewareHandler {
  return async function bodyLimit(c, next) {
    if (Number(c.req.header("content-length") ?? "0") > maxBytes) throw payloadTooLarge();
    // With a Content-Length, Node's parser delivers at most that many bytes: nothing to count. The body
    // stream is not even touched then, so @hono/node-server can drain an unread body and keep the
    // connection alive (touching it and answering early made it close the socket under the client).
    if (!c.req.header("transfer-encoding")) return next();
    const body = c.req.raw.body;
    if (!body) return next();
    // `duplex` is required by Node's fetch for a streamed body; the DOM typings do not know it yet.
    c.req.raw = new Request(c.req.raw, { body: counted(body, maxBytes), duplex: "half" } as RequestInit);
    await next();
  };
}

/** A pull stream: a chunk is read from the client only when the reader asks for one. */
function counted(body: ReadableStream<Uint8Array>, maxBytes: number): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let size = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) return controller.close();
        size += value.byteLength;
        // Not cancelled: cancelling would destroy the socket before the 413 is sent.
        if (size > maxBytes) return controller.error(payloadTooLarge());
        controller.enqueue(value);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

function payloadTooLarge(): AppError {
  return new AppError(413, "PAYLOAD_TOO_LARGE");
}
