import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * X-FA-Signature (API.md): `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. The timestamp
 * is signed with the body so an old request cannot be replayed with a fresh `t`.
 */

export type SignatureCheck =
  | { ok: true }
  | { ok: false; reason: "missing" | "malformed" | "stale" | "mismatch" };

const SHA256_HEX_LENGTH = 64;

// The raw bytes are what was signed; a string is taken as its UTF-8 encoding, as HTTP bodies are JSON.
function hmac(secret: string, unixSeconds: number, rawBody: string | Uint8Array): Buffer {
  return createHmac("sha256", secret).update(`${unixSeconds}.`).update(rawBody).digest();
}

/** The header value Front Agent sends (and tests use). */
export function signAssistBody(secret: string, rawBody: string | Uint8Array, unixSeconds: number): string {
  if (!Number.isSafeInteger(unixSeconds) || unixSeconds < 0) {
    throw new RangeError(`unixSeconds must be a non-negative integer, got ${unixSeconds}`);
  }
  return `t=${unixSeconds},v1=${hmac(secret, unixSeconds, rawBody).toString("hex")}`;
}

interface ParsedHeader {
  t: number;
  v1: string[];
}

function parseHeader(header: string): ParsedHeader | null {
  let t: number | null = null;
  const v1: string[] = [];
  for (const part of header.split(",")) {
    const eq = part.indexOf("=");
    if (eq <= 0) return null;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === "t") {
      // Two timestamps would leave it open which one was signed.
      if (t !== null || !/^[0-9]+$/.test(value)) return null;
      t = Number(value);
      if (!Number.isSafeInteger(t)) return null;
    } else if (key === "v1") {
      if (!/^[0-9a-fA-F]+$/.test(value)) return null;
      v1.push(value);
    }
    // Other schemes (a future v2) are ignored, so the sender can add one before the receiver knows it.
  }
  return t === null || v1.length === 0 ? null : { t, v1 };
}

/**
 * Checks the signature first and the age second, so "stale" always means a genuine request replayed or
 * delayed, never a forgery. Several v1 entries are allowed: during a secret rotation the sender signs with
 * both secrets and any match passes.
 */
export function verifyAssistSignature(
  header: string | undefined,
  secret: string,
  rawBody: string | Uint8Array,
  now: Date,
  toleranceSeconds = 300,
): SignatureCheck {
  if (header === undefined || header.trim() === "") return { ok: false, reason: "missing" };
  const parsed = parseHeader(header);
  if (parsed === null) return { ok: false, reason: "malformed" };

  const expected = hmac(secret, parsed.t, rawBody);
  const matches = parsed.v1.some((hex) => {
    // Checked on the hex length: an odd-length string would decode to fewer bytes and still compare equal.
    if (hex.length !== SHA256_HEX_LENGTH) return false;
    return timingSafeEqual(Buffer.from(hex, "hex"), expected);
  });
  if (!matches) return { ok: false, reason: "mismatch" };

  const age = Math.floor(now.getTime() / 1000) - parsed.t;
  // Written as "not within" so an invalid `now` (NaN) fails closed.
  if (!(Math.abs(age) <= toleranceSeconds)) return { ok: false, reason: "stale" };
  return { ok: true };
}
