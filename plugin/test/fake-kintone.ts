import type { HttpMethod, KintoneEnv, ProxyAnswer } from "../src/kintone-env.ts";

export interface ApiCall {
  path: string;
  method: HttpMethod;
  params: Record<string, unknown>;
}

export interface ProxyCall {
  url: string;
  method: HttpMethod;
  headers: Record<string, string>;
  body: unknown;
}

export interface FakeKintoneOptions {
  language?: "ja" | "en";
  appId?: string | null;
  origin?: string;
  config?: Record<string, string>;
  /** Answers `kintone.api`; throw an object shaped like kintone's error ({code, message}) to fail. */
  api?: (call: ApiCall) => unknown | Promise<unknown>;
  /** Answers `kintone.plugin.app.proxy` (after the stored proxy headers were added). */
  proxy?: (call: ProxyCall) => ProxyAnswer | Promise<ProxyAnswer>;
}

/** A typed stand-in for the `kintone` global, recording what the plug-in asked of it (component tests). */
export function fakeKintone(options: FakeKintoneOptions = {}) {
  const apiCalls: ApiCall[] = [];
  const proxyCalls: ProxyCall[] = [];
  const proxyConfig = new Map<string, Record<string, string>>();
  let config: Record<string, string> = { ...(options.config ?? {}) };
  const env: KintoneEnv = {
    pluginId: "fakepluginid",
    language: () => options.language ?? "ja",
    origin: () => options.origin ?? "https://example.cybozu.com",
    appId: () => (options.appId === undefined ? "14" : options.appId),
    async api<T>(path: string, method: HttpMethod, params: Record<string, unknown>) {
      const call = { path, method, params };
      apiCalls.push(call);
      if (!options.api) throw { code: "FAKE_NO_API", message: `no fake answer for ${method} ${path}` };
      return (await options.api(call)) as T;
    },
    getConfig: () => ({ ...config }),
    async setConfig(next) {
      config = { ...next };
    },
    async setProxyConfig(url, method, headers) {
      proxyConfig.set(`${method} ${url}`, { ...headers });
    },
    async proxy(url, method, headers, body) {
      // kintone adds the stored headers of the longest matching URL prefix (cybozu.dev, 外部APIの実行に
      // 必要な情報をプラグインへ保存する, 補足); stored values win, and an entry of {} adds nothing.
      const stored = [...proxyConfig.entries()]
        .filter(([key]) => key.startsWith(`${method} `) && url.startsWith(key.slice(method.length + 1)))
        .sort((a, b) => b[0].length - a[0].length)[0]?.[1];
      const call = { url, method, headers: { ...headers, ...(stored ?? {}) }, body };
      proxyCalls.push(call);
      if (!options.proxy) return { status: 503, body: "DNS Cache Missing" };
      return options.proxy(call);
    },
  };
  return {
    env,
    apiCalls,
    proxyCalls,
    proxyConfig,
    config: () => ({ ...config }),
  };
}

/** A JSON answer for the proxy fake. */
export const json = (status: number, body: unknown): ProxyAnswer => ({ status, body: JSON.stringify(body) });
