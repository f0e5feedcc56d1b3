import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Manifest } from "../scripts/contents.ts";
import { escapeHtml } from "./html.ts";
import { KINTONE_LOOK_CSS } from "./kintone-look.ts";
import { LOCAL_TIME_JS } from "./local-time.ts";
import { readJsonBody } from "./read-json-body.ts";
import {
  type KintoneRecord,
  type LayoutItem,
  listColumns,
  listTableHtml,
  type Properties,
  recordFieldsHtml,
  valueHtml,
} from "./record-html.ts";

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
  /** The customer app, where the plug-in is added (its settings page is /k/admin/app/<appId>/plugin/config). */
  appId: string;
  /** The built plug-in contents (dist/contents): manifest.json and what it names. */
  contentsDir: string;
  /** CSS to load instead of what manifest.json names (config, desktop, mobile). */
  css?: { config?: string[]; desktop?: string[]; mobile?: string[] };
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

type Part = "config" | "desktop" | "mobile";

/**
 * A stand-in for kintone's pages around the plug-in, in kintone's look (kintone-look.ts): the plug-in
 * settings page, each app's record list (/k/<app>/) and record pages (/k/<app>/show?record=N), kintone
 * mobile's (/k/m/<app>/ and /k/m/<app>/show?record=N, phone-shaped) and a portal listing the apps (/). Each
 * page has a `kintone` global (kintone-in-browser.js) whose calls this server answers — kintone.api from
 * the emulator, plugin.app.proxy by forwarding to the real backend with the stored proxy headers, and
 * setConfig/setProxyConfig kept here as kintone keeps them.
 *
 * The plug-in's desktop or mobile scripts and CSS (as manifest.json names them) are loaded on the record
 * pages of every app, with the one config, as if the plug-in were added to each app with the customer
 * app's settings: that is the case the scripts must stay silent in outside the customer app.
 */
export async function startKintonePages(options: KintonePagesOptions): Promise<KintonePages> {
  const config: Record<string, string> = {};
  const proxyConfig = new Map<string, Record<string, string>>();
  const proxied: KintonePages["proxied"] = [];
  const script = readFileSync(join(import.meta.dirname, "kintone-in-browser.js"), "utf8");
  const auth = Buffer.from(`${options.login.code}:${options.login.password}`).toString("base64");
  const manifest = JSON.parse(readFileSync(join(options.contentsDir, "manifest.json"), "utf8")) as Manifest;
  const files = (part: Part) => ({
    js: manifest[part]?.js ?? [],
    css: options.css?.[part] ?? manifest[part]?.css ?? [],
  });
  const kintone = emulatorReader(options.emulatorUrl, options.login);
  const t = (ja: string, en: string) => (options.language === "en" ? en : ja);

  const page = (title: string, body: string, part: Part, boot: Record<string, unknown>) => {
    const { js, css } = files(part);
    const full = {
      pluginId: options.pluginId,
      loginUser: { code: options.login.code, language: options.language },
      config,
      mobile: part === "mobile",
      ...boot,
    };
    return `<!doctype html><html lang="${options.language}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
${part === "config" ? "" : `<style>${KINTONE_LOOK_CSS}</style>`}
${css.map((href) => `<link rel="stylesheet" href="/contents/${escapeHtml(href)}">`).join("\n")}
<script type="application/json" id="kintone-boot">${JSON.stringify(full).replace(/</g, "\\u003c")}</script>
<script>${LOCAL_TIME_JS}</script>
<script>${script}</script></head><body${part === "mobile" ? ' class="k-mobile"' : ""}>${body}
${js.map((src) => `<script src="/contents/${escapeHtml(src)}"></script>`).join("\n")}</body></html>`;
  };

  const globalHeader = () =>
    `<header class="k-global"><a class="k-logo" href="/">kintone</a><span class="k-global-user">${escapeHtml(options.login.code)}</span></header>`;
  const appBar = (appId: string, appName: string) =>
    `<div class="k-appbar"><p class="k-breadcrumb"><a href="/">${t("ポータル", "Portal")}</a> › <a href="/k/${appId}/">${escapeHtml(appName)}</a></p><h1>${escapeHtml(appName)}</h1></div>`;
  const who = (record: KintoneRecord, type: string, label: string, timeType: string, timeLabel: string) => {
    const person = Object.values(record).find((f) => f.type === type);
    const at = Object.values(record).find((f) => f.type === timeType);
    return person || at
      ? `<span>${label} ${valueHtml(person)}</span><span>${timeLabel} ${valueHtml(at)}</span>`
      : "";
  };
  const recordNumber = (record: KintoneRecord, recordId: string) =>
    String(Object.values(record).find((f) => f.type === "RECORD_NUMBER")?.value ?? recordId);

  const recordPage = async (appId: string, recordId: string, mobile: boolean) => {
    const [app, shown] = await Promise.all([kintone.app(appId), kintone.record(appId, recordId)]);
    const appName = app?.name ?? t(`アプリ ${appId}`, `App ${appId}`);
    const title = t("レコードの詳細", "Record details");
    const fields = shown
      ? recordFieldsHtml(shown.record, shown.properties, shown.layout)
      : `<p class="k-empty">${t(`レコード ${escapeHtml(recordId)} はありません。`, `Record ${escapeHtml(recordId)} does not exist.`)}</p>`;
    const number = shown ? recordNumber(shown.record, recordId) : recordId;
    const boot = {
      appId: Number(appId),
      recordId: Number(recordId),
      ...(shown
        ? {
            event: {
              type: mobile ? "mobile.app.record.detail.show" : "app.record.detail.show",
              appId: Number(appId),
              recordId: Number(recordId),
              record: shown.record,
            },
          }
        : {}),
    };
    if (mobile) {
      const updated = shown ? Object.values(shown.record).find((f) => f.type === "UPDATED_TIME") : undefined;
      return page(
        title,
        `<div class="m-phone"><header class="m-bar"><a class="m-back" href="/k/m/${appId}/" aria-label="${t("一覧に戻る", "Back to the list")}">‹</a><span class="m-title">${escapeHtml(appName)}</span></header>
<div class="m-subtitle">${t("レコード番号", "Record number")} ${escapeHtml(number)}${updated ? ` · ${t("更新", "Updated")} ${valueHtml(updated)}` : ""}</div>
<div id="mobile-header-space" class="m-header-space"></div>
<main id="record">${fields}</main></div>`,
        "mobile",
        boot,
      );
    }
    const meta = shown
      ? who(shown.record, "CREATOR", t("作成者", "Created by"), "CREATED_TIME", t("作成日時", "Created")) +
        who(shown.record, "MODIFIER", t("更新者", "Updated by"), "UPDATED_TIME", t("更新日時", "Updated"))
      : "";
    return page(
      title,
      `${globalHeader()}${appBar(appId, appName)}
<div class="k-toolbar gaia-argoui-app-toolbar"><a class="k-back" href="/k/${appId}/">‹ ${t("一覧", "List")}</a><span class="k-toolbar-title">${t("レコード番号", "Record number")} ${escapeHtml(number)}</span><div id="record-header-menu"></div><div class="k-meta">${meta}</div></div>
<main id="record">${fields}</main>`,
      "desktop",
      boot,
    );
  };

  const listPage = async (appId: string, mobile: boolean) => {
    const [app, list] = await Promise.all([kintone.app(appId), kintone.records(appId)]);
    const appName = app?.name ?? t(`アプリ ${appId}`, `App ${appId}`);
    const records = list?.records ?? [];
    const columns = list ? listColumns(list.properties, list.layout) : [];
    const boot = {
      appId: Number(appId),
      event: {
        type: mobile ? "mobile.app.record.index.show" : "app.record.index.show",
        appId: Number(appId),
        viewType: "list",
        records,
      },
    };
    const empty = `<p class="k-empty">${t("レコードがありません。", "No records.")}</p>`;
    if (mobile) {
      // A phone's list: each record as a row to tap, its first two filled fields as the text.
      const items = records
        .map((record) => {
          const id = String(record.$id?.value ?? "");
          const [first, second] = columns.filter(
            (c) => c.type !== "RECORD_NUMBER" && valueHtml(record[c.code], c) !== "",
          );
          return `<li><a href="/k/m/${appId}/show?record=${escapeHtml(id)}">${first ? valueHtml(record[first.code], first) : escapeHtml(id)}<span class="m-list-sub">${second ? valueHtml(record[second.code], second) : ""}</span></a></li>`;
        })
        .join("");
      return page(
        t("レコード一覧", "Records"),
        `<div class="m-phone"><header class="m-bar"><a class="m-back" href="/" aria-label="${t("ポータル", "Portal")}">‹</a><span class="m-title">${escapeHtml(appName)}</span></header>
${records.length ? `<ul class="m-list" id="record-list">${items}</ul>` : empty}</div>`,
        "mobile",
        boot,
      );
    }
    return page(
      t("レコード一覧", "Records"),
      `${globalHeader()}${appBar(appId, appName)}
<div class="k-toolbar gaia-argoui-app-toolbar"><span class="k-toolbar-title">${t(`${records.length} 件`, `${records.length} records`)}</span><div id="list-header-menu"></div></div>
<div class="k-list-wrap">${
        records.length
          ? listTableHtml(
              records,
              columns,
              (id) => `/k/${appId}/show?record=${encodeURIComponent(id)}`,
              (id) => t(`レコード ${id} の詳細`, `Details of record ${id}`),
            )
          : empty
      }</div>`,
      "desktop",
      boot,
    );
  };

  const portalPage = async () => {
    const apps = await kintone.apps();
    return page(
      t("ポータル", "Portal"),
      `${globalHeader()}<div class="k-appbar"><h1>${t("ポータル", "Portal")}</h1></div>
<div class="k-list-wrap"><table class="k-list" id="app-list"><thead><tr><th>${t("アプリ", "App")}</th><th>${t("スマートフォン", "Mobile")}</th></tr></thead><tbody>${apps
        .map(
          (a) =>
            `<tr><td><a href="/k/${escapeHtml(a.appId)}/">${escapeHtml(a.name)}</a></td><td><a href="/k/m/${escapeHtml(a.appId)}/">/k/m/${escapeHtml(a.appId)}/</a></td></tr>`,
        )
        .join("")}</tbody></table></div>`,
      "desktop",
      { appId: null },
    );
  };

  const server: Server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://localhost");
      const send = (status: number, type: string, body: string | Buffer) => {
        res.writeHead(status, { "content-type": type });
        res.end(body);
      };
      const html = (body: string) => send(200, "text/html; charset=utf-8", body);
      if (options.extra && (await options.extra(req, res, url))) return;
      if (req.method === "GET" && url.pathname === `/k/admin/app/${options.appId}/plugin/config`) {
        return html(
          page(
            "プラグインの設定",
            '<div id="plugin-settings"><div id="front-agent-config"></div></div>',
            "config",
            { appId: Number(options.appId) },
          ),
        );
      }
      if (req.method === "GET") {
        const record = /^\/k\/(m\/)?(\d+)\/show$/.exec(url.pathname);
        if (record)
          return html(await recordPage(record[2] ?? "", url.searchParams.get("record") ?? "", !!record[1]));
        const list = /^\/k\/(m\/)?(\d+)\/?$/.exec(url.pathname);
        if (list) return html(await listPage(list[2] ?? "", !!list[1]));
        if (url.pathname === "/") return html(await portalPage());
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

/** What the pages read from the emulator, as the logged-in user (password auth); null when kintone refuses. */
function emulatorReader(emulatorUrl: string, login: { code: string; password: string }) {
  const headers = {
    "X-Cybozu-Authorization": Buffer.from(`${login.code}:${login.password}`).toString("base64"),
  };
  const get = async <T>(path: string, params: Record<string, string>): Promise<T | null> => {
    const answer = await fetch(new URL(`${path}?${new URLSearchParams(params)}`, emulatorUrl), { headers });
    return answer.ok ? ((await answer.json()) as T) : null;
  };
  const form = async (app: string) => {
    const [fields, layout] = await Promise.all([
      get<{ properties: Properties }>("/k/v1/app/form/fields.json", { app }),
      get<{ layout: LayoutItem[] }>("/k/v1/app/form/layout.json", { app }),
    ]);
    return { properties: fields?.properties ?? {}, layout: layout?.layout ?? [] };
  };
  return {
    app: (id: string) => get<{ appId: string; name: string }>("/k/v1/app.json", { id }),
    apps: async () =>
      (await get<{ apps: Array<{ appId: string; name: string }> }>("/k/v1/apps.json", {}))?.apps ?? [],
    async record(app: string, id: string) {
      const [answer, shape] = await Promise.all([
        get<{ record: KintoneRecord }>("/k/v1/record.json", { app, id }),
        form(app),
      ]);
      return answer ? { record: answer.record, ...shape } : null;
    },
    /** The newest 100, as kintone's list opens (record number, descending). */
    async records(app: string) {
      const [answer, shape] = await Promise.all([
        get<{ records: KintoneRecord[] }>("/k/v1/records.json", {
          app,
          query: "order by $id desc limit 100",
        }),
        form(app),
      ]);
      return answer ? { records: answer.records, ...shape } : null;
    },
  };
}
