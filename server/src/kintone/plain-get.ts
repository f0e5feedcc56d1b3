import http from "node:http";
import https from "node:https";
import { pipeline } from "node:stream/promises";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import type { KintoneRestAPIClient } from "@kintone/rest-api-client";
import { internalsOf, type RequestConfig } from "./client-internals.ts";
import { parseJsonBody } from "./records-json.ts";

/**
 * A GET through node:http with the official client's own request and answer handling, for the import's
 * record pages (issue 16). 100,000 records at no latency spent 23% of the import's CPU inside axios
 * (its interceptors, header objects, `Buffer.toString` and `transformResponse`); the same 500-record
 * page costs ~6 ms of CPU through the client, ~4 ms read here (measured against the emulator, 100 pages a
 * run, steady state). Only the sending is ours: the client builds the request (URL, tokens, user agent,
 * and the POST with X-HTTP-Method-Override it uses for a long URL) and turns an error answer into its
 * KintoneRestAPIError or its "503: Service Unavailable" error, so `toKintoneFailure` sees what it always
 * saw. Returns null when the request is one this path does not reproduce — a POST override, a proxy
 * (axios honours HTTP(S)_PROXY from the environment), a socket timeout — and the caller uses the client.
 * A redirect is never followed (node:http follows none), as `refuseRedirects` ensures for the client.
 */
export async function plainGet<T>(
  client: KintoneRestAPIClient,
  path: string,
  params: object,
  sent: () => void = () => {},
): Promise<T | null> {
  const internals = internalsOf(client);
  if (!internals || proxyFromEnvironment()) return null;
  const config = await internals.requestConfigBuilder.build("get", path, params);
  if (config.method !== "get" || config.proxy !== undefined || config.timeout !== undefined) return null;
  return internals.responseHandler.handle<T>(send(config, sent));
}

function proxyFromEnvironment(): boolean {
  const env = process.env;
  return Boolean(env.HTTP_PROXY || env.HTTPS_PROXY || env.http_proxy || env.https_proxy);
}

/**
 * What axios would hand the client's response handler: `{ data, headers }`, or an error with `response`.
 * `sent`: the request has been written to its connection (`finish`).
 */
function send(
  config: RequestConfig,
  sent: () => void,
): Promise<{ data: unknown; headers: http.IncomingHttpHeaders }> {
  const url = new URL(config.url);
  const secure = url.protocol === "https:";
  const options: http.RequestOptions = {
    method: "GET",
    // As axios asks: kintone compresses its answers, which matters more over the internet than here.
    headers: {
      Accept: "application/json, text/plain, */*",
      "Accept-Encoding": "gzip, deflate, br",
      ...config.headers,
    },
    ...(secure && config.httpsAgent ? { agent: config.httpsAgent } : {}),
  };
  return new Promise<http.IncomingMessage>((resolve, reject) => {
    const request = (secure ? https : http).request(url, options, resolve);
    request.on("error", reject);
    request.on("finish", sent);
    request.end();
  }).then(async (response) => {
    const body = await readBody(response);
    const status = response.statusCode ?? 0;
    if (status >= 200 && status < 300) return { data: parseJsonBody(body), headers: response.headers };
    const text = body.toString("utf8");
    // axios keeps a body that is not JSON as text; the handler reads text as "status: statusText".
    let data: unknown = text;
    try {
      data = JSON.parse(text);
    } catch {}
    throw { response: { data, status, statusText: response.statusMessage ?? "", headers: response.headers } };
  });
}

async function readBody(response: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const encoding = response.headers["content-encoding"];
  const decoder =
    encoding === "gzip"
      ? createGunzip()
      : encoding === "deflate"
        ? createInflate()
        : encoding === "br"
          ? createBrotliDecompress()
          : null;
  if (decoder) {
    await pipeline(response, decoder, async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) chunks.push(chunk);
    });
  } else {
    for await (const chunk of response) chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
