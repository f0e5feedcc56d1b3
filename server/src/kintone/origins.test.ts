import { describe, expect, test } from "vitest";
import { isAllowedOrigin, parseAllowedOrigins, parseOriginPattern } from "./origins.ts";

describe("isAllowedOrigin", () => {
  const defaults = parseAllowedOrigins(undefined);
  const withLocal = parseAllowedOrigins("http://localhost:*, https://kintone.internal.example:8443");
  test.each([
    ["a cybozu.com subdomain", "https://example.cybozu.com", defaults, true],
    ["with a trailing slash", "https://example.cybozu.com/", defaults, true],
    ["kintone.com", "https://acme.kintone.com", defaults, true],
    ["cybozu.cn", "https://acme.cybozu.cn", defaults, true],
    ["client-certificate host", "https://acme.s.cybozu.com", defaults, true],
    ["plain http to cybozu.com", "http://example.cybozu.com", defaults, false],
    ["two labels under one *", "https://a.b.cybozu.com", defaults, false],
    ["the bare domain", "https://cybozu.com", defaults, false],
    ["a look-alike suffix", "https://example.cybozu.com.evil.test", defaults, false],
    ["a path", "https://example.cybozu.com/k/v1", defaults, false],
    ["credentials in the URL", "https://user:pw@example.cybozu.com", defaults, false],
    ["a non-default port on a default pattern", "https://example.cybozu.com:8443", defaults, false],
    ["localhost without the setting", "http://localhost:8080", defaults, false],
    ["localhost any port with the setting", "http://localhost:8080", withLocal, true],
    ["127.0.0.1 is not localhost", "http://127.0.0.1:8080", withLocal, false],
    ["an exact extra origin", "https://kintone.internal.example:8443", withLocal, true],
    ["the extra origin on another port", "https://kintone.internal.example", withLocal, false],
    ["not a URL", "example.cybozu.com", defaults, false],
  ])("%s: %s → %s", (_name, url, patterns, expected) => {
    expect(isAllowedOrigin(url, patterns)).toBe(expected);
  });
});

describe("parseOriginPattern refuses patterns that would open everything", () => {
  test.each([
    ["a bare star", "https://*"],
    ["a star inside a label", "https://ex*.cybozu.com"],
    ["a star below the leftmost label", "https://example.*.com"],
    ["a path", "https://example.com/path"],
    ["no protocol", "example.com"],
    ["a star in the middle of the port", "http://localhost:8*"],
    ["a star over a whole top-level domain", "https://*.com"],
    ["a star over a whole top-level domain, with a port", "http://*.localhost:*"],
  ])("%s: %s", (_name, text) => {
    expect(() => parseOriginPattern(text)).toThrow();
  });

  test("a star above a registrable domain is accepted", () => {
    expect(parseOriginPattern("https://*.kintone-staging.example.com").labels).toEqual([
      "*",
      "kintone-staging",
      "example",
      "com",
    ]);
    expect(parseOriginPattern("https://*.cybozu.com").labels[0]).toBe("*");
  });
});
