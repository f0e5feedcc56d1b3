import type { Language } from "@front-agent/shared";

/**
 * What the plug-in uses of the `kintone` global, behind one small interface: the screens and the button
 * depend on this, so tests give them a typed fake and the browser test a `kintone` wired to the emulator.
 */
export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

export interface ProxyAnswer {
  status: number;
  body: string;
}

export interface KintoneEnv {
  readonly pluginId: string;
  language(): Language;
  /** The login user's time zone in kintone's personal settings (IANA, e.g. Asia/Tokyo), if known. */
  timeZone?(): string | undefined;
  /** The kintone domain this page is on, e.g. https://example.cybozu.com (the backend's kintone.baseUrl). */
  origin(): string;
  /** The app whose settings page (or record) this is. */
  appId(): string | null;
  /** kintone's REST API as the logged-in user (`kintone.api`), guest-space aware. */
  api<T>(path: string, method: HttpMethod, params: Record<string, unknown>): Promise<T>;
  getConfig(): Record<string, string>;
  /** Config page only. Resolves once kintone stored it (values must be strings). */
  setConfig(config: Record<string, string>): Promise<void>;
  /** Config page only: headers kintone adds on its servers to proxied requests to `url` (a prefix). */
  setProxyConfig(url: string, method: HttpMethod, headers: Record<string, string>): Promise<void>;
  /** `kintone.plugin.app.proxy`: the request leaves from kintone's servers with the stored headers. */
  proxy(
    url: string,
    method: HttpMethod,
    headers: Record<string, string>,
    body: unknown,
  ): Promise<ProxyAnswer>;
}

/** The real thing, over the `kintone` global of a kintone page. */
export function kintoneEnv(pluginId: string): KintoneEnv {
  return {
    pluginId,
    language: () => (kintone.getLoginUser().language === "en" ? "en" : "ja"),
    timeZone: () => kintone.getLoginUser().timezone || undefined,
    origin: () => location.origin,
    appId: () => {
      const id = kintone.app.getId();
      return id === null ? null : String(id);
    },
    api: (path, method, params) => kintone.api(kintone.api.url(path, true), method, params) as Promise<never>,
    getConfig: () => kintone.plugin.app.getConfig(pluginId) ?? {},
    setConfig: (config) =>
      new Promise((resolve) => {
        kintone.plugin.app.setConfig(config, () => resolve());
      }),
    setProxyConfig: (url, method, headers) =>
      new Promise((resolve) => {
        kintone.plugin.app.setProxyConfig(url, method, headers, {}, () => resolve());
      }),
    proxy: async (url, method, headers, body) => {
      // GET and DELETE carry no body through the proxy; kintone wants {} then.
      const data = method === "GET" || method === "DELETE" ? {} : (body ?? {});
      const [text, status] = (await kintone.plugin.app.proxy(pluginId, url, method, headers, data)) as [
        string,
        number,
        unknown,
      ];
      return { status, body: text };
    },
  };
}
