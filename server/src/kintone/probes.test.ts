import { describe, expect, test } from "vitest";
import { KintoneFailure, type KintoneFailureKind } from "./failure.ts";
import type { Permission, ProbeResult } from "./gateway.ts";
import { type ProbeAnswer, readProbeAnswer } from "./probes.ts";

// Every answer a probe can get, read one way each (docs/kintone-probes.md). null: not about the permission,
// the gateway rethrows it. The rows that matter most: an answer that only means "has the permission"
// (GAIA_RE01, a refused record) is read as granted, never thrown into a 502.
const ok: ProbeAnswer = { ok: true };
function refused(
  kind: KintoneFailureKind,
  code: string | null,
  options: { index?: number; errors?: string[]; status?: number } = {},
): ProbeAnswer {
  const errors = options.errors
    ? Object.fromEntries(options.errors.map((key) => [key, { messages: ["必須です。"] }]))
    : null;
  return {
    ok: false,
    failure: new KintoneFailure(kind, options.status ?? 400, code, errors, `${code}`),
    bulkRequestIndex: options.index,
  };
}

const rows: Array<[string, Permission, ProbeAnswer, ProbeResult | null]> = [
  ["view: records came back", "view", ok, "granted"],
  ["view: GAIA_NO01", "view", refused("permission", "GAIA_NO01", { status: 403 }), "missing"],
  ["view: a wrong token (GAIA_IA02) decides the app's reach", "view", refused("auth", "GAIA_IA02"), null],
  ["view: app not found (GAIA_AP01)", "view", refused("not_found", "GAIA_AP01", { status: 404 }), null],
  ["view: a guest-space app (GAIA_IL23)", "view", refused("guest_space", "GAIA_IL23"), null],
  ["view: anything else is not about the permission", "view", refused("validation", "CB_VA01"), null],
  ["manage: the pre-live form came back", "manage", ok, "granted"],
  ["manage: GAIA_NO01", "manage", refused("permission", "GAIA_NO01", { status: 403 }), "missing"],
  ["manage: refused otherwise", "manage", refused("validation", "CB_VA01"), "granted_unverified"],
  [
    "edit: record 2147483647 not found",
    "edit",
    refused("not_found", "GAIA_RE01", { status: 404 }),
    "granted",
  ],
  ["edit: GAIA_NO01", "edit", refused("permission", "GAIA_NO01", { status: 403 }), "missing"],
  [
    "edit: the parameters refused",
    "edit",
    refused("validation", "CB_VA01", { errors: ["id"] }),
    "granted_unverified",
  ],
  ["edit: updated with nothing (the record existed)", "edit", ok, "granted"],
  [
    "edit: a revision conflict",
    "edit",
    refused("conflict", "GAIA_CO02", { status: 409 }),
    "granted_unverified",
  ],
  [
    "add: the PUT after the add failed (RE01)",
    "add",
    refused("not_found", "GAIA_RE01", { index: 1, status: 404 }),
    "granted",
  ],
  [
    "add: the PUT after the add refused (token without edit)",
    "add",
    refused("permission", "GAIA_NO01", { index: 1, status: 403 }),
    "granted",
  ],
  [
    "add: the add refused (GAIA_NO01)",
    "add",
    refused("permission", "GAIA_NO01", { index: 0, status: 403 }),
    "missing",
  ],
  [
    "add: the empty record refused for a required field",
    "add",
    refused("validation", "CB_VA01", { index: 0, errors: ["record.件名.value"] }),
    "granted",
  ],
  [
    "add: the empty record refused by a number field's own key",
    "add",
    refused("validation", "CB_VA01", { index: 0, errors: ["record[数量].value", "record.数量.value"] }),
    "granted",
  ],
  [
    "add: the empty record refused by a lookup",
    "add",
    refused("lookup", "GAIA_LO04", { index: 0 }),
    "granted",
  ],
  [
    "add: the add's parameters refused",
    "add",
    refused("validation", "CB_VA01", { index: 0, errors: ["app"] }),
    "granted_unverified",
  ],
  [
    "add: the whole bulkRequest refused, no index",
    "add",
    refused("validation", "CB_VA01"),
    "granted_unverified",
  ],
  [
    "add: a flat GAIA_NO01, no index: which sub-request is unknown",
    "add",
    refused("permission", "GAIA_NO01", { status: 403 }),
    "granted_unverified",
  ],
  ["add: the bulkRequest succeeded", "add", ok, "granted"],
  ["add: kintone down", "add", refused("unavailable", null, { status: 503 }), null],
  [
    "edit: rate limited after the retries",
    "edit",
    refused("rate_limited", "GAIA_TO04", { status: 429 }),
    null,
  ],
  ["manage: a redirect", "manage", refused("redirect", null, { status: 302 }), null],
  ["edit: the token refused", "edit", refused("auth", "GAIA_IA02"), null],
];

describe("readProbeAnswer", () => {
  test.each(rows)("%s", (_name, permission, answer, expected) => {
    expect(readProbeAnswer(permission, answer)).toBe(expected);
  });
});
