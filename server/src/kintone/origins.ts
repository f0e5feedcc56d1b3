/**
 * Which kintone origins the backend may call (API.md `KINTONE_ALLOWED_ORIGINS`): every other URL is
 * refused before any request is made, so a tenant's settings cannot point the backend at an internal host.
 */
export interface OriginPattern {
  protocol: "http:" | "https:";
  /** Host labels; a leading "*" matches exactly one label. */
  labels: string[];
  /** A port number, "*" for any port, or "" for the protocol's default. */
  port: string;
}

/** kintone's own domains (one subdomain label each); `*.s.cybozu.com` is kintone's client-certificate host. */
export const DEFAULT_ORIGINS = [
  "https://*.cybozu.com",
  "https://*.s.cybozu.com",
  "https://*.kintone.com",
  "https://*.s.kintone.com",
  "https://*.cybozu.cn",
];

export class OriginPatternError extends Error {}

/** Parses `https://*.example.com`, `http://localhost:*`; `*` only as a whole port or the leftmost label. */
export function parseOriginPattern(text: string): OriginPattern {
  const m = /^(https?):\/\/([^/:]+)(?::(\d{1,5}|\*))?\/?$/.exec(text.trim());
  if (!m)
    throw new OriginPatternError(
      `not an origin: "${text}" (expected e.g. https://*.example.com or http://localhost:*)`,
    );
  const labels = (m[2] ?? "").toLowerCase().split(".");
  if (labels.some((l, i) => l === "" || (l.includes("*") && (i !== 0 || l !== "*")))) {
    throw new OriginPatternError(`"*" may only stand for the whole leftmost label: "${text}"`);
  }
  // `*.com` (or `*.jp`) would allow every site under a top-level domain; kintone's own patterns put the
  // `*` above a registrable domain (`*.cybozu.com`), so two labels must remain below it.
  if (labels[0] === "*" && labels.length < 3)
    throw new OriginPatternError(
      `"*" must be followed by at least two labels (e.g. https://*.example.com), or it allows a whole top-level domain: "${text}"`,
    );
  return { protocol: `${m[1]}:` as "http:" | "https:", labels, port: m[3] ?? "" };
}

export function parseAllowedOrigins(extra: string | undefined): OriginPattern[] {
  const configured = (extra ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  return [...DEFAULT_ORIGINS, ...configured].map(parseOriginPattern);
}

/** True when `baseUrl` is an origin (no path, query, credentials) matched by one of the patterns. */
export function isAllowedOrigin(baseUrl: string, patterns: OriginPattern[]): boolean {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return false;
  }
  if (url.username || url.password || url.search || url.hash || (url.pathname !== "/" && url.pathname !== ""))
    return false;
  const labels = url.hostname.toLowerCase().split(".");
  return patterns.some(
    (p) =>
      p.protocol === url.protocol &&
      (p.port === "*" || p.port === url.port) &&
      p.labels.length === labels.length &&
      p.labels.every((l, i) => l === "*" || l === labels[i]),
  );
}
