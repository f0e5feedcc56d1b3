import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { escapeHtml } from "./html.ts";
import { readJsonBody } from "./read-json-body.ts";

export interface KintonePagesOptions {
  /**
   * The emulator's URL. This server stands for the kintone domain: its REST paths are passed to the
   * emulator, and kintone.api calls from the page go there as `login` (password auth, the session's
   * stand-in).
   */
  emulatorUrl: string;
  login: { code: string; password: string };
  language: "ja" | "en";
  pluginId: string;
  /** The customer app, where the plug-in is added. */
  appId: string;
  /** The built plug-in contents (dist/contents): js/config.js, js/desktop.js, css…. */
  contentsDir: string;
  css: { config: string[]; desktop: string[] };
  /** More pages on the same origin (the demo's); answers true when it handled the request. */
  extra?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;
  /** Listen here (0: any free port). */
  port?: number;
}

export interface KintonePages {
  url: string;
  /** What setConfig stored (kintone keeps it per app and plug-in). */
  config: Record<string, string>;
  /** What setProxyConfig stored, by "METHOD url". */
  proxyConfig: Map<string, Record<string, string>>;
  /** Proxied calls as the backend received them, headers included (so a test can see the key was added). */
  proxied: Array<{ url: string; method: string; status: number }>;
  close(): Promise<void>;
}

/**
 * A stand-in for kintone's pages around the plug-in: the plug-in settings page and a record's detail page,
 * each with a `kintone` global (kintone-in-browser.js) whose calls this server answers — kintone.api from
 * the emulator, plugin.app.proxy by forwarding to the real backend with the stored proxy headers, and
 * setConfig/setProxyConfig kept here as kintone keeps them.
 */
export async function startKintonePages(options: KintonePagesOptions): Promise<KintonePages> {
  const config: Record<string, string> = {};
  const proxyConfig = new Map<string, Record<string, string>>();
  const proxied: KintonePages["proxied"] = [];
  const script = readFileSync(join(import.meta.dirname, "kintone-in-browser.js"), "utf8");
  const auth = Buffer.from(`${options.login.code}:${options.login.password}`).toString("base64");

  const page = (title: string, body: string, css: string[], js: string, extra: Record<string, unknown>) => {
    const boot = {
      pluginId: options.pluginId,
      appId: Number(options.appId),
      loginUser: { code: options.login.code, language: options.language },
      config,
      ...extra,
    };
    return `<!doctype html><html lang="${options.language}"><head><meta charset="utf-8"><title>${title}</title>
${css.map((href) => `<link rel="stylesheet" href="/contents/${href}">`).join("\n")}
<script type="application/json" id="kintone-boot">${JSON.stringify(boot).replace(/</g, "\\u003c")}</script>
<script>${script}</script></head><body>${body}<script src="/contents/${js}"></script></body></html>`;
  };

  const server: Server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://localhost");
      const send = (status: number, type: string, body: string | Buffer) => {
        res.writeHead(status, { "content-type": type });
        res.end(body);
      };
      if (options.extra && (await options.extra(req, res, url))) return;
      if (req.method === "GET" && url.pathname === `/k/admin/app/${options.appId}/plugin/config`) {
        return send(
          200,
          "text/html; charset=utf-8",
          page(
            "プラグインの設定",
            '<div id="plugin-settings"><div id="front-agent-config"></div></div>',
            options.css.config,
            "js/config.js",
            {},
          ),
        );
      }
      const record = /^\/k\/(\d+)\/show$/.exec(url.pathname);
      if (req.method === "GET" && record) {
        const recordId = url.searchParams.get("record") ?? "";
        const shown = await recordView(options.emulatorUrl, auth, record[1] ?? "", recordId);
        return send(
          200,
          "text/html; charset=utf-8",
          page(
            "レコードの詳細",
            `<div class="gaia-argoui-app-toolbar"><a href="/">← デモのトップ</a><div id="record-header-menu"></div></div>${shown.html}`,
            options.css.desktop,
            "js/desktop.js",
            { recordId: Number(recordId), record: shown.record },
          ),
        );
      }
      if (req.method === "GET" && url.pathname.startsWith("/contents/")) {
        const file = join(options.contentsDir, url.pathname.slice("/contents/".length));
        const type = file.endsWith(".js")
          ? "text/javascript"
          : file.endsWith(".css")
            ? "text/css"
            : "application/octet-stream";
        return send(200, type, readFileSync(file));
      }
      if (req.method === "POST" && url.pathname === "/__kintone/api") {
        const { path, method, params } = (await readJsonBody(req)) as {
          path: string;
          method: string;
          params: Record<string, unknown>;
        };
        const target = new URL(path, options.emulatorUrl);
        const init: RequestInit = { method, headers: { "X-Cybozu-Authorization": auth } };
        if (method === "GET") {
          for (const [key, value] of Object.entries(params ?? {})) {
            if (!Array.isArray(value)) {
              target.searchParams.set(key, String(value));
              continue;
            }
            for (const [i, v] of value.entries()) target.searchParams.set(`${key}[${i}]`, String(v));
          }
        } else {
          init.headers = { ...init.headers, "content-type": "application/json" };
          init.body = JSON.stringify(params ?? {});
        }
        const answer = await fetch(target, init);
        return send(
          200,
          "application/json",
          JSON.stringify({ status: answer.status, body: await answer.json() }),
        );
      }
      if (req.method === "POST" && url.pathname === "/__kintone/config") {
        const next = await readJsonBody(req);
        for (const key of Object.keys(config)) delete config[key];
        Object.assign(config, next);
        return send(200, "application/json", "{}");
      }
      if (req.method === "POST" && url.pathname === "/__kintone/proxy-config") {
        const {
          url: prefix,
          method,
          headers,
        } = (await readJsonBody(req)) as {
          url: string;
          method: string;
          headers: Record<string, string>;
        };
        proxyConfig.set(`${method} ${prefix}`, headers);
        return send(200, "application/json", "{}");
      }
      if (req.method === "POST" && url.pathname === "/__kintone/proxy") {
        const call = (await readJsonBody(req)) as {
          url: string;
          method: string;
          headers: Record<string, string>;
          data: unknown;
        };
        // kintone's servers add the stored headers of a matching URL prefix — of the longest when several
        // match (cybozu.dev, 外部APIの実行に必要な情報をプラグインへ保存する, 補足); stored values win.
        const stored = [...proxyConfig.entries()]
          .filter(
            ([key]) =>
              key.startsWith(`${call.method} `) && call.url.startsWith(key.slice(call.method.length + 1)),
          )
          .sort((a, b) => b[0].length - a[0].length)[0]?.[1];
        const headers = { ...call.headers, ...(stored ?? {}) };
        const withBody = call.method !== "GET" && call.method !== "DELETE";
        try {
          const answer = await fetch(call.url, {
            method: call.method,
            headers,
            ...(withBody
              ? { body: typeof call.data === "string" ? call.data : JSON.stringify(call.data) }
              : {}),
          });
          const text = await answer.text();
          proxied.push({ url: call.url, method: call.method, status: answer.status });
          return send(
            200,
            "application/json",
            JSON.stringify({ status: answer.status, body: text, headers: {} }),
          );
        } catch {
          // What kintone's proxy answers for a host it cannot reach.
          proxied.push({ url: call.url, method: call.method, status: 503 });
          return send(
            200,
            "application/json",
            JSON.stringify({ status: 503, body: "DNS Cache Missing", headers: {} }),
          );
        }
      }
      if (
        url.pathname.startsWith("/k/v1/") ||
        url.pathname.startsWith("/k/guest/") ||
        url.pathname === "/v1/users.json"
      ) {
        // The domain's REST API, as the backend calls it with API tokens: passed to the emulator untouched.
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const headers: Record<string, string> = {};
        for (const [key, value] of Object.entries(req.headers)) {
          if (typeof value === "string" && key !== "host" && key !== "connection") headers[key] = value;
        }
        const answer = await fetch(new URL(`${url.pathname}${url.search}`, options.emulatorUrl), {
          method: req.method ?? "GET",
          headers,
          ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
        });
        const out: Record<string, string> = {};
        answer.headers.forEach((value, key) => {
          if (key !== "content-length" && key !== "content-encoding" && key !== "transfer-encoding")
            out[key] = value;
        });
        res.writeHead(answer.status, out);
        res.end(Buffer.from(await answer.arrayBuffer()));
        return;
      }
      send(404, "text/plain", "not found");
    } catch (error) {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    // localhost, not 127.0.0.1: the page's origin is the "kintone domain" the backend is told to call,
    // and plain http is allowed only for localhost.
    url: `http://localhost:${port}`,
    config,
    proxyConfig,
    proxied,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The record's fields as kintone's detail screen lists them (label and value), from the emulator. */
async function recordView(emulatorUrl: string, auth: string, appId: string, recordId: string) {
  const headers = { "X-Cybozu-Authorization": auth };
  const [answer, form] = await Promise.all([
    fetch(new URL(`/k/v1/record.json?app=${appId}&id=${encodeURIComponent(recordId)}`, emulatorUrl), {
      headers,
    }),
    fetch(new URL(`/k/v1/app/form/fields.json?app=${appId}`, emulatorUrl), { headers }),
  ]);
  if (!answer.ok)
    return {
      html: `<main id="record"><p>レコード ${escapeHtml(recordId)} はありません。</p></main>`,
      record: null,
    };
  const { record } = (await answer.json()) as { record: Record<string, { type: string; value: unknown }> };
  const { properties } = (await form.json()) as { properties: Record<string, { label?: string }> };
  const rows = Object.entries(record)
    .filter(([code, field]) => !code.startsWith("$") && typeof field.value === "string" && field.value !== "")
    .map(
      ([code, field]) =>
        `<tr><th>${escapeHtml(properties[code]?.label ?? code)}</th><td>${escapeHtml(String(field.value))}</td></tr>`,
    )
    .join("");
  return { html: `<main id="record"><table class="record-fields">${rows}</table></main>`, record };
}
