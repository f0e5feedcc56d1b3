import { formatMessage, unknownCustomerIssues } from "@front-agent/shared";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { describe, expect, test } from "vitest";
import { DomainError } from "../domain-error.ts";
import { KintoneFailure } from "../kintone/failure.ts";
import { OriginNotAllowedError } from "../kintone/rest-gateway.ts";
import { UnknownCustomerError } from "../services/exports/intake.ts";
import { Refused } from "../services/exports/refused.ts";
import { ImportAlreadyRunningError } from "../services/import/start-run.ts";
import { SettingsNotFoundError } from "../services/settings.ts";
import { InvalidCursorError } from "../storage/cursor.ts";
import { AppError } from "./app-error.ts";
import { errorResponse } from "./on-error.ts";

// A token-like string in a kintone failure's message: it must reach neither the answer nor the log.
const SECRET = "tok-5f1e0c9a";

/** What a route that throws `error` answers, and what it logs; in-process, as onError sees it. */
async function answer(error: unknown, language = "en") {
  const logged: object[] = [];
  const app = new Hono();
  app.get("/x", () => {
    throw error;
  });
  app.onError((e, c) => errorResponse(e, c, (entry) => logged.push(entry)));
  const response = await app.request("/x", { headers: { "accept-language": language } });
  return { status: response.status, text: await response.text(), logged };
}

/** An error declared after on-error.ts, which names it nowhere: it answers all the same. */
class TeapotRefused extends DomainError {
  readonly code = "INVALID_PARAMETER";
  readonly httpStatus = 400;
  override params() {
    return { name: "teapot" };
  }
  override details(language: "ja" | "en") {
    return { language };
  }
}

const kintone = (kind: KintoneFailure["kind"], status: number | null, code: string | null) =>
  new KintoneFailure(kind, status, code, null, `kintone said no to ${SECRET}`);

const en = (code: "KINTONE_AUTH_FAILED" | "KINTONE_UNAVAILABLE" | "KINTONE_RATE_LIMITED" | "INTERNAL") =>
  formatMessage(code, "en");

// Each failure carries its answer: the envelope, byte for byte, and its status.
describe("errorResponse", () => {
  test.each([
    [
      "kintone refused the token: 502, kintone's code only",
      kintone("auth", 401, "GAIA_IA02"),
      502,
      {
        code: "KINTONE_AUTH_FAILED",
        message: en("KINTONE_AUTH_FAILED"),
        details: { kintoneCode: "GAIA_IA02" },
      },
    ],
    [
      "kintone failed otherwise: 502 with kintone's code and status",
      kintone("permission", 403, "GAIA_NO01"),
      502,
      {
        code: "KINTONE_UNAVAILABLE",
        message: en("KINTONE_UNAVAILABLE"),
        details: { kintoneCode: "GAIA_NO01", status: 403 },
      },
    ],
    [
      "kintone busy: 429, no details",
      kintone("rate_limited", 429, "GAIA_TO04"),
      429,
      { code: "KINTONE_RATE_LIMITED", message: en("KINTONE_RATE_LIMITED") },
    ],
    [
      "a redirect: 502 KINTONE_REDIRECT, no details",
      kintone("redirect", 302, null),
      502,
      { code: "KINTONE_REDIRECT", message: formatMessage("KINTONE_REDIRECT", "en") },
    ],
    [
      "a kintone address no longer allowed: 422 naming it",
      new OriginNotAllowedError("https://old.cybozu.com"),
      422,
      {
        code: "KINTONE_ORIGIN_NOT_ALLOWED",
        message: formatMessage("KINTONE_ORIGIN_NOT_ALLOWED", "en", { url: "https://old.cybozu.com" }),
      },
    ],
    [
      "no settings yet: 404",
      new SettingsNotFoundError("t1"),
      404,
      { code: "SETTINGS_NOT_FOUND", message: formatMessage("SETTINGS_NOT_FOUND", "en") },
    ],
    [
      "a missing object: 404",
      new Refused("EXPORT_NOT_FOUND"),
      404,
      { code: "EXPORT_NOT_FOUND", message: formatMessage("EXPORT_NOT_FOUND", "en") },
    ],
    [
      "a state that does not allow it: 409 with its details",
      new Refused("CUSTOMER_ALREADY_LINKED", { customerId: "c9" }),
      409,
      {
        code: "CUSTOMER_ALREADY_LINKED",
        message: formatMessage("CUSTOMER_ALREADY_LINKED", "en"),
        details: { customerId: "c9" },
      },
    ],
    [
      "a run in progress: 409 naming it",
      new ImportAlreadyRunningError("run-1"),
      409,
      {
        code: "IMPORT_ALREADY_RUNNING",
        message: formatMessage("IMPORT_ALREADY_RUNNING", "en"),
        details: { runId: "run-1" },
      },
    ],
    [
      "an id-only customer the backend lacks: 422 like a schema failure",
      new UnknownCustomerError("fa-7"),
      422,
      {
        code: "VALIDATION_FAILED",
        message: formatMessage("VALIDATION_FAILED", "en"),
        details: { issues: unknownCustomerIssues("fa-7", "en") },
      },
    ],
    [
      "a cursor not handed out: 400 naming it",
      new InvalidCursorError(),
      400,
      {
        code: "VALIDATION_FAILED",
        message: formatMessage("VALIDATION_FAILED", "en"),
        details: { issues: [{ path: "cursor", message: "not a cursor from this API" }] },
      },
    ],
    [
      "a route's own answer",
      new AppError(403, "SIGNATURE_INVALID", { reason: "stale" }),
      403,
      {
        code: "SIGNATURE_INVALID",
        message: formatMessage("SIGNATURE_INVALID", "en"),
        details: { reason: "stale" },
      },
    ],
    [
      "hono's body limit: 413",
      new HTTPException(413),
      413,
      { code: "PAYLOAD_TOO_LARGE", message: formatMessage("PAYLOAD_TOO_LARGE", "en") },
    ],
    [
      "a body hono could not parse: 400",
      new HTTPException(400),
      400,
      { code: "INVALID_JSON", message: formatMessage("INVALID_JSON", "en") },
    ],
    [
      "an error of its own that on-error.ts does not name",
      new TeapotRefused(),
      400,
      {
        code: "INVALID_PARAMETER",
        message: formatMessage("INVALID_PARAMETER", "en", { name: "teapot" }),
        details: { language: "en" },
      },
    ],
    ["anything else: 500", new Error("boom"), 500, { code: "INTERNAL", message: en("INTERNAL") }],
  ])("%s", async (_name, error, status, envelope) => {
    const got = await answer(error);
    expect(got.status).toBe(status);
    // The same bytes as before: code, message, then details when there are any.
    expect(got.text).toBe(JSON.stringify({ error: envelope }));
    expect(got.text).not.toContain(SECRET);
  });

  test("the caller's language: Japanese unless it asks for English", async () => {
    const got = await answer(new OriginNotAllowedError("https://old.cybozu.com"), "ja");
    expect(JSON.parse(got.text).error.message).toBe(
      formatMessage("KINTONE_ORIGIN_NOT_ALLOWED", "ja", { url: "https://old.cybozu.com" }),
    );
  });

  // A 5xx is logged by kind and code only: a kintone failure's message (which may echo a token) never is.
  test.each([
    [
      "kintone failed",
      kintone("unavailable", 503, "CB_XX01"),
      { code: "KINTONE_UNAVAILABLE", error: "unavailable CB_XX01 503" },
    ],
    [
      "kintone refused the token",
      kintone("auth", 401, "CB_WA01"),
      { code: "KINTONE_AUTH_FAILED", error: "auth CB_WA01 401" },
    ],
    ["an unknown failure", new TypeError("bad"), { code: "INTERNAL", error: "TypeError: bad" }],
  ])("5xx logged: %s", async (_name, error, expected) => {
    const got = await answer(error);
    expect(got.logged).toEqual([{ level: "error", msg: "request failed", path: "/x", ...expected }]);
    expect(JSON.stringify(got.logged)).not.toContain(SECRET);
  });

  test.each([
    ["kintone busy (429)", kintone("rate_limited", 429, null)],
    ["a refusal (409)", new Refused("EXPORT_ALREADY_WRITTEN")],
    ["a bad cursor (400)", new InvalidCursorError()],
  ])("not logged below 500: %s", async (_name, error) => {
    expect((await answer(error)).logged).toEqual([]);
  });
});
