import type { AppFacts } from "@front-agent/shared";
import { describe, expect, test } from "vitest";
import type { KintoneFailure } from "../kintone/failure.ts";
import type { Permission } from "../kintone/gateway.ts";
import {
  addProbeRefused,
  type GatewayAnswers,
  httpFailure,
  kintoneError,
  RecordingGateway,
} from "../kintone/testing.ts";
import { gatherAppFacts } from "./kintone-facts.ts";

const APP = "14";
const FORM = { 顧客名: { type: "SINGLE_LINE_TEXT", code: "顧客名", label: "顧客名", required: true } };

/** A kintone whose probes answer as given (granted where not said) and whose form is FORM. */
function kintone(probes: Partial<Record<Permission, GatewayAnswers["probe"] | KintoneFailure>> = {}) {
  return new RecordingGateway()
    .answer("probe", (call) => probes[call.permission] ?? "granted")
    .answer("formFields", FORM);
}

const asked = (g: RecordingGateway) =>
  g.calls.map((call) => (call.method === "probe" ? `probe ${call.permission}` : call.method));

describe("gatherAppFacts (the settings checks' requests to one app)", () => {
  test("a token with every permission: the view probe, then the other probes and the live form side by side", async () => {
    const g = kintone();
    const facts = await gatherAppFacts(g, APP);
    expect(facts).toEqual<AppFacts>({
      reach: "ok",
      permissions: { view: "granted", add: "granted", edit: "granted", manage: "granted" },
      form: FORM,
    });
    expect(asked(g)).toEqual(["probe view", "probe add", "probe edit", "probe manage", "formFields"]);
    expect(g.callsOf("formFields")).toEqual([{ method: "formFields", app: APP, preview: false }]);
    // The administrator waits for the slowest request, not for their sum.
    expect(g.stats().peakConcurrent).toBe(4);
  });

  test.each([
    ["without view but with add: the form is read once the add probe has answered", "granted", true],
    // GAIA_NO01 on the bulkRequest's add itself.
    ["with neither: no request that is bound to fail", addProbeRefused(kintoneError("GAIA_NO01"), 0), false],
  ] as const)("%s", async (_name, add, formRead) => {
    const g = kintone({ view: kintoneError("GAIA_NO01"), add });
    const facts = await gatherAppFacts(g, APP);
    expect(facts.permissions).toMatchObject({ view: "missing", add: formRead ? "granted" : "missing" });
    expect(facts.form).toEqual(formRead ? FORM : null);
    expect(g.callsOf("formFields")).toHaveLength(formRead ? 1 : 0);
  });

  test.each([
    ["a token kintone does not accept", kintoneError("CB_WA01"), "token_invalid"],
    ["an app that does not exist", kintoneError("GAIA_AP01"), "app_not_found"],
    ["an app in a guest space", kintoneError("GAIA_IL23"), "guest_space"],
    ["a redirect", httpFailure(302, "Found"), "redirected"],
  ] as const)(
    "%s: a finding about the app's reach, after the view probe alone",
    async (_name, view, reach) => {
      const g = kintone({ view });
      expect(await gatherAppFacts(g, APP)).toEqual({ reach, permissions: {}, form: null });
      expect(asked(g)).toEqual(["probe view"]);
    },
  );

  test("a redirect on a later request (something in between redirects some paths only) is the address's finding", async () => {
    const g = kintone().answer("formFields", httpFailure(301, "Moved Permanently"));
    expect(await gatherAppFacts(g, APP)).toEqual({ reach: "redirected", permissions: {}, form: null });
  });

  test("kintone down is not a finding: the failure is the caller's", async () => {
    const g = kintone({ view: httpFailure(503) });
    await expect(gatherAppFacts(g, APP)).rejects.toMatchObject({ kind: "unavailable" });
  });
});
