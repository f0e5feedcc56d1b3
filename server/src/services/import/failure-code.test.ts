import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import { decryptSecret, encryptSecret } from "../../crypto/secrets.ts";
import { KintoneFailure } from "../../kintone/failure.ts";
import { OriginNotAllowedError } from "../../kintone/rest-gateway.ts";
import { DailyBudgetTooSmallError } from "../request-budget.ts";
import { SettingsNotFoundError } from "../settings.ts";
import { importFailureCode, isExpectedFailure } from "./failure-code.ts";

const kintone = (kind: KintoneFailure["kind"], code: string | null = null) =>
  new KintoneFailure(kind, 400, code, null, "refused");

function underAnotherKey(): unknown {
  try {
    decryptSecret(randomBytes(32), encryptSecret(randomBytes(32), "token"));
  } catch (error) {
    return error;
  }
  throw new Error("decrypted under another key");
}

// Every way an import fails ends its run with a code the status panel can explain (issue 12 #8).
describe("importFailureCode", () => {
  test.each([
    ["kintone refused the token", kintone("auth"), "KINTONE_AUTH_FAILED", true],
    ["kintone refused the permission", kintone("permission"), "KINTONE_PERMISSION_DENIED", true],
    ["kintone busy", kintone("rate_limited"), "KINTONE_RATE_LIMITED", true],
    ["kintone down", kintone("unavailable"), "KINTONE_UNAVAILABLE", true],
    ["a redirect, never followed", kintone("redirect"), "KINTONE_REDIRECT", true],
    ["kintone's own code otherwise", kintone("not_found", "GAIA_AP01"), "KINTONE_GAIA_AP01", true],
    [
      "origin not allowed (restarted without it)",
      new OriginNotAllowedError(),
      "KINTONE_ORIGIN_NOT_ALLOWED",
      true,
    ],
    ["settings gone", new SettingsNotFoundError("t1"), "SETTINGS_NOT_FOUND", true],
    [
      "a full sync larger than a whole day's request budget",
      new DailyBudgetTooSmallError(9000, 8000),
      "IMPORT_FULL_SYNC_OVER_BUDGET",
      true,
    ],
    ["token stored under another SECRET_KEY", underAnotherKey(), "IMPORT_TOKEN_UNREADABLE", true],
    [
      "not a stored secret at all",
      new Error("not an encrypted secret of a known version"),
      "IMPORT_TOKEN_UNREADABLE",
      true,
    ],
    [
      "a typed error naming its catalogue code",
      Object.assign(new Error("x"), { code: "SETTINGS_NOT_FOUND" }),
      "SETTINGS_NOT_FOUND",
      true,
    ],
    [
      "a code outside the catalogue",
      Object.assign(new Error("x"), { code: "ECONNRESET" }),
      "INTERNAL",
      false,
    ],
    ["a fault of ours", new TypeError("undefined is not a function"), "INTERNAL", false],
  ])("%s → %s", (_name, error, code, expected) => {
    expect(importFailureCode(error)).toBe(code);
    expect(isExpectedFailure(error)).toBe(expected);
  });
});
