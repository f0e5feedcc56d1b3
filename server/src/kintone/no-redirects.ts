import type { KintoneRestAPIClient } from "@kintone/rest-api-client";
import { httpClientOf } from "./client-internals.ts";

/**
 * Makes every request of this client refuse redirects: a 3xx answer comes back as an error (a
 * KintoneFailure of kind "redirect") instead of being followed.
 *
 * Why: kintone's REST API never redirects, so a 3xx means something between us and kintone sends the
 * request elsewhere. @kintone/rest-api-client 6.x hands each request to axios with axios's default
 * `maxRedirects` (packages/rest-api-client/src/http/AxiosClient.ts spreads the built config into `Axios()`,
 * adding only maxBodyLength/maxContentLength; its FileUploadRedirect test even asserts that 307/308 are
 * followed). In Node axios then follows up to 21 hops through follow-redirects, which strips only
 * Authorization, Proxy-Authorization and Cookie on a cross-host hop: X-Cybozu-API-Token goes along to
 * whatever host the Location names, never checked against KINTONE_ALLOWED_ORIGINS.
 *
 * The client has no option for this (its options: baseUrl, auth, basicAuth, proxy, httpsAgent,
 * clientCertAuth, userAgent, socketTimeout…), and an https agent could guard https only. So the one
 * request-config builder that all of this client's parts share is wrapped, on this instance only, to add
 * `maxRedirects: 0`, with which axios sends through plain http/https and follows nothing. When a future
 * client is built differently this throws rather than silently following again.
 */
export function refuseRedirects(client: KintoneRestAPIClient): void {
  const http = httpClientOf(client.record);
  if (!http || httpClientOf(client.app) !== http) {
    throw new Error("@kintone/rest-api-client is not built as expected: cannot turn off its redirects");
  }
  const builder = http.requestConfigBuilder;
  const build = builder.build;
  builder.build = async (...args) => ({ ...(await build.apply(builder, args)), maxRedirects: 0 });
}
