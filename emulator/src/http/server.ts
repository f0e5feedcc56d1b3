import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { authenticate } from "../auth/principal.ts";
import { handleControl } from "../control/routes.ts";
import { kintoneErrors } from "../errors/catalogue.ts";
import { KintoneError } from "../errors/kintone-error.ts";
import type { Method } from "../handlers/context.ts";
import type { WithHeaders } from "../handlers/records.ts";
import { getUsers } from "../handlers/users.ts";
import type { Domain } from "../model/domain.ts";
import { atomically } from "../model/journal.ts";
import { responseLanguage } from "./language.ts";
import type { FaultInjector, FaultRule, RequestStats } from "./observe.ts";
import { parseApiPath, parseSearchParams } from "./paths.ts";
import { RawJson } from "./raw-json.ts";
import { dispatchKintone } from "./routes.ts";

export interface EmulatorState {
  domain: Domain;
  stats: RequestStats;
  faults: FaultInjector;
}

const METHODS = new Set(["GET", "POST", "PUT", "DELETE"]);

export function createEmulatorServer(state: EmulatorState): Server {
  return createServer((req, res) => {
    handle(state, req, res).catch((error: unknown) => {
      // A bug in the emulator, not a kintone answer: say so loudly instead of hanging the client.
      if (!res.headersSent) sendJson(res, 500, { code: "EMULATOR_BUG", id: "", message: String(error) });
    });
  });
}

async function handle(state: EmulatorState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const path = parseApiPath(url.pathname);
  const rawBody = await readBody(req);
  if (path?.kind === "control") {
    const answer = await handleControl(state, req.method ?? "GET", path.rest, url.searchParams, rawBody);
    sendJson(res, answer.status, answer.body);
    return;
  }

  const { domain, stats } = state;
  const started = performance.now();
  const running = stats.begin();
  const language = responseLanguage(req.headers["accept-language"], domain.settings.language);
  const concurrency = {
    "X-ConcurrencyLimit-Limit": String(domain.settings.concurrencyLimit),
    "X-ConcurrencyLimit-Running": String(running),
  };
  let method = (req.method ?? "GET").toUpperCase();
  let params: Record<string, unknown> = {};
  let status = 200;
  let authKind: "password" | "token" | "none" = "none";
  const tokenHeader = header(req, "x-cybozu-api-token");
  try {
    params = parseSearchParams(url.searchParams);
    if (rawBody.length > 0) Object.assign(params, parseJson(rawBody));
    // URLs over 8 KB fail in kintone, so clients send long GETs as POST with this header (facts §1).
    const override = header(req, "x-http-method-override")?.toUpperCase();
    if (method === "POST" && override && METHODS.has(override)) method = override;

    const fault = state.faults.take(method, normalizedPath(url.pathname), appIdOf(params));
    const delay = domain.settings.latencyMs + (fault?.delayMs ?? 0);
    if (delay > 0) await sleep(delay);
    if (running > domain.settings.concurrencyLimit)
      throw kintoneErrors.tooManyConcurrent(domain.settings.concurrencyLimit, running);
    if (fault?.status !== undefined) {
      status = fault.status;
      sendFault(res, fault, domain, running, language);
      return;
    }
    if (!path || !METHODS.has(method)) throw kintoneErrors.apiNotFound();

    const authorization = header(req, "x-cybozu-authorization");
    authKind = authorization ? "password" : tokenHeader ? "token" : "none";
    const principal = authenticate(domain, { authorization, apiToken: tokenHeader });
    const result = atomically((journal) => {
      const request = {
        domain,
        method: method as Method,
        resource: path.resource,
        guestSpaceId: path.kind === "kintone" ? path.guestSpaceId : null,
        params,
        principal,
        journal,
      };
      if (path.kind === "user") {
        if (method === "GET" && path.resource === "users") return getUsers(request);
        throw kintoneErrors.apiNotFound();
      }
      return dispatchKintone(request);
    });
    if (isWithHeaders(result)) sendJson(res, 200, result.body, { ...concurrency, ...result.__headers });
    else sendJson(res, 200, result, concurrency);
  } catch (error) {
    if (!(error instanceof KintoneError)) throw error;
    status = error.status;
    sendJson(res, error.status, error.responseBody(language), { ...concurrency, ...error.headers });
  } finally {
    stats.end({
      at: new Date().toISOString(),
      method,
      path: url.pathname,
      params,
      appId: appIdOf(params),
      status,
      auth: authKind,
      tokenCount: tokenHeader ? tokenHeader.split(",").filter((t) => t.trim() !== "").length : 0,
      durationMs: performance.now() - started,
    });
  }
}

function sendFault(
  res: ServerResponse,
  fault: FaultRule,
  domain: Domain,
  running: number,
  language: "ja" | "en",
): void {
  const status = fault.status ?? 503;
  if (status === 429) {
    const error = kintoneErrors.tooManyConcurrent(domain.settings.concurrencyLimit, running);
    sendJson(res, 429, error.toBody(language), error.headers);
    return;
  }
  if (status === 503 && !fault.code) {
    // Maintenance answers an HTML page, not JSON (facts §6): clients must cope with that.
    res.writeHead(503, { "Content-Type": "text/html; charset=utf-8" });
    res.end(
      "<html><head><title>503 Service Unavailable</title></head><body>メンテナンス中です。</body></html>",
    );
    return;
  }
  const error = new KintoneError(status, fault.code ?? "EMULATOR_FAULT", {
    ja: "エミュレーターが挿入した障害です。",
    en: "A fault injected by the emulator.",
  });
  sendJson(res, status, error.toBody(language));
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  // Encoded once: a string body would be measured (byteLength) and then encoded again by the socket.
  const bytes = body instanceof RawJson ? body.bytes : Buffer.from(JSON.stringify(body), "utf8");
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": bytes.length,
    ...headers,
  });
  res.end(bytes);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseJson(raw: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(raw.toString("utf8"));
  } catch {
    throw kintoneErrors.invalidJson();
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw kintoneErrors.invalidJson();
  return value as Record<string, unknown>;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

function appIdOf(params: Record<string, unknown>): number | null {
  const raw = params.app;
  const n = typeof raw === "number" ? raw : typeof raw === "string" ? Number(raw) : Number.NaN;
  return Number.isInteger(n) ? n : null;
}

/** Fault rules name paths in their non-guest form. */
function normalizedPath(pathname: string): string {
  return pathname.replace(/^\/k\/guest\/\d+\/v1\//, "/k/v1/");
}

function isWithHeaders(value: unknown): value is WithHeaders {
  return typeof value === "object" && value !== null && "__headers" in value;
}
