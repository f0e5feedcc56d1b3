import { apiRoot, customerLinkUrl } from "../backend.ts";
import type { HttpMethod, KintoneEnv } from "../kintone-env.ts";

/** The methods versions before issue 12 #3 stored the connection key for, at the backend's `/v1/`. */
const OLD_KEY_METHODS: readonly HttpMethod[] = ["GET", "POST", "PUT", "DELETE"];

/**
 * What kintone keeps for the plug-in's proxy calls after a save: the record key for the record button's GET
 * and nothing else. kintone adds stored headers to any `kintone.plugin.app.proxy` call whose URL starts with
 * the stored URL and whose method matches, from any page of the app — so a key stored here is a key any user
 * of a record page can use from the browser console. The connection key therefore never goes here.
 *
 * An older version's entries at `<backend>/v1/` would keep adding the connection key to every call, and
 * kintone has no call to delete an entry: each is overwritten with empty headers. When several entries match,
 * kintone uses the one whose URL matches more of the call's URL (cybozu.dev, "外部APIの実行に必要な情報を
 * プラグインへ保存する", 補足), so the record key's longer URL wins for customer-link.
 */
export async function storeRecordKey(env: KintoneEnv, backendUrl: string, recordKey: string): Promise<void> {
  await env.setProxyConfig(customerLinkUrl(backendUrl), "GET", { Authorization: `Bearer ${recordKey}` });
  for (const method of OLD_KEY_METHODS) await env.setProxyConfig(apiRoot(backendUrl), method, {});
}
