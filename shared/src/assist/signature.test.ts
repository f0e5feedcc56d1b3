import { createHmac } from "node:crypto";
import { describe, expect, test } from "vitest";
import { type SignatureCheck, signAssistBody, verifyAssistSignature } from "./signature.ts";

const SECRET = "whsec-test";
const BODY = '{"eventId":"evt-0001","minutes":{"summary":"議事録"}}';
const T = 1_795_000_000;
const NOW = new Date(T * 1000);
const sig = (secret: string, body: string, t: number) =>
  createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
const good = sig(SECRET, BODY, T);

describe("signAssistBody", () => {
  test("t and the hex HMAC of '<t>.<body>'", () => {
    expect(signAssistBody(SECRET, BODY, T)).toBe(`t=${T},v1=${good}`);
  });

  test("bytes and their UTF-8 string sign the same", () => {
    expect(signAssistBody(SECRET, Buffer.from(BODY, "utf8"), T)).toBe(signAssistBody(SECRET, BODY, T));
  });

  test.each([-1, 1.5, Number.NaN])("refuses the timestamp %s", (t) => {
    expect(() => signAssistBody(SECRET, BODY, t)).toThrow(RangeError);
  });
});

describe("verifyAssistSignature", () => {
  const ok: SignatureCheck = { ok: true };
  const no = (reason: "missing" | "malformed" | "stale" | "mismatch"): SignatureCheck => ({
    ok: false,
    reason,
  });

  test.each<[string, string | undefined, string, Date, SignatureCheck]>([
    ["valid", `t=${T},v1=${good}`, BODY, NOW, ok],
    ["valid: made by signAssistBody", signAssistBody(SECRET, BODY, T), BODY, NOW, ok],
    ["valid: spaces after commas", `t=${T}, v1=${good}`, BODY, NOW, ok],
    ["valid: upper-case hex", `t=${T},v1=${good.toUpperCase()}`, BODY, NOW, ok],
    ["valid: rotation, the second v1 matches", `t=${T},v1=${sig("old", BODY, T)},v1=${good}`, BODY, NOW, ok],
    ["valid: an unknown scheme is ignored", `t=${T},v2=zzz,v1=${good}`, BODY, NOW, ok],
    ["valid: 5 minutes old exactly", `t=${T},v1=${good}`, BODY, new Date((T + 300) * 1000), ok],
    ["valid: 5 minutes ahead exactly", `t=${T},v1=${good}`, BODY, new Date((T - 300) * 1000), ok],
    ["mismatch: wrong secret", `t=${T},v1=${sig("other", BODY, T)}`, BODY, NOW, no("mismatch")],
    [
      "mismatch: body changed by one byte",
      `t=${T},v1=${good}`,
      BODY.replace("0001", "0002"),
      NOW,
      no("mismatch"),
    ],
    ["mismatch: t changed (it is signed)", `t=${T + 1},v1=${good}`, BODY, NOW, no("mismatch")],
    ["mismatch: a short v1 does not throw", `t=${T},v1=abcd`, BODY, NOW, no("mismatch")],
    ["mismatch: an odd-length v1 one digit longer", `t=${T},v1=${good}0`, BODY, NOW, no("mismatch")],
    ["stale: 301 seconds old", `t=${T},v1=${good}`, BODY, new Date((T + 301) * 1000), no("stale")],
    ["stale: 301 seconds in the future", `t=${T},v1=${good}`, BODY, new Date((T - 301) * 1000), no("stale")],
    ["stale: an invalid now fails closed", `t=${T},v1=${good}`, BODY, new Date(Number.NaN), no("stale")],
    ["malformed: no t", `v1=${good}`, BODY, NOW, no("malformed")],
    ["malformed: non-numeric t", `t=12a,v1=${good}`, BODY, NOW, no("malformed")],
    ["malformed: negative t", `t=-${T},v1=${good}`, BODY, NOW, no("malformed")],
    ["malformed: two t", `t=${T},t=${T},v1=${good}`, BODY, NOW, no("malformed")],
    ["malformed: no v1", `t=${T}`, BODY, NOW, no("malformed")],
    ["malformed: empty v1", `t=${T},v1=`, BODY, NOW, no("malformed")],
    ["malformed: non-hex v1", `t=${T},v1=${"g".repeat(64)}`, BODY, NOW, no("malformed")],
    ["malformed: garbage", "garbage", BODY, NOW, no("malformed")],
    ["malformed: a bare hex digest", good, BODY, NOW, no("malformed")],
    ["missing: no header", undefined, BODY, NOW, no("missing")],
    ["missing: empty header", "  ", BODY, NOW, no("missing")],
  ])("%s", (_rule, header, body, now, expected) => {
    expect(verifyAssistSignature(header, SECRET, body, now)).toEqual(expected);
  });

  test("the tolerance can be narrowed", () => {
    expect(verifyAssistSignature(`t=${T},v1=${good}`, SECRET, BODY, new Date((T + 61) * 1000), 60)).toEqual(
      no("stale"),
    );
  });
});
