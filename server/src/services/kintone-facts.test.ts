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
    .answer("probe", (call) => probes[call.permission] ?? GRANTED[call.permission])
    .answer("formFields", FORM);
}

/**
 * What kintone answers a token with every permission: the add probe's bulkRequest fails at [1], the PUT of
 * a record that cannot exist, with GAIA_RE01 (docs/kintone-probes.md).
 */
const GRANTED: Record<Permission, GatewayAnswers["probe"]> = {
  view: "granted",
  manage: "granted",
  edit: "granted",
  add: addProbeRefused(kintoneError("GAIA_RE01"), 1),
};

const asked = (g: RecordingGateway) =>
  g.calls.map((call) => (call.method === "probe" ? `probe ${call.permission}` : call.method));

describe("gatherAppFacts (the settings checks' requests to one app)", () => {
  test("a token with every permission: view and manage, then add (which tells edit) and the live form", async () => {
    const g = kintone();
    const facts = await gatherAppFacts(g, APP);
    expect(facts).toEqual<AppFacts>({
      reach: "ok",
      permissions: { view: "granted", add: "granted", edit: "granted", manage: "granted" },
      form: FORM,
    });
    // No edit probe: the add probe's [1] is the same request, and its answer said.
    expect(asked(g)).toEqual(["probe view", "probe manage", "probe add", "formFields"]);
    expect(g.callsOf("formFields")).toEqual([{ method: "formFields", app: APP, preview: false }]);
    // Two round trips: view with manage, then add with the form (two apps fill the tenant's 4 twice).
    expect(g.stats().peakConcurrent).toBe(2);
  });

  test.each([
    [
      "[1] refused with GAIA_NO01: edit missing, no edit probe",
      addProbeRefused(kintoneError("GAIA_NO01"), 1),
      "granted",
      "missing",
      false,
    ],
    [
      "[0] refused with GAIA_NO01: add missing, edit from its own probe",
      addProbeRefused(kintoneError("GAIA_NO01"), 0),
      "missing",
      "granted",
      true,
    ],
    [
      "required fields refused the empty add: edit from its own probe",
      addProbeRefused(
        kintoneError("CB_VA01", { errors: { "record.顧客名.value": { messages: ["必須です。"] } } }),
        0,
      ),
      "granted",
      "granted",
      true,
    ],
  ] as const)("the add probe %s", async (_name, add, addResult, editResult, editProbed) => {
    const g = kintone({ add });
    const facts = await gatherAppFacts(g, APP);
    expect(facts.permissions).toEqual({
      view: "granted",
      manage: "granted",
      add: addResult,
      edit: editResult,
    });
    expect(asked(g).includes("probe edit")).toBe(editProbed);
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
      // The manage probe went with it (it needs nothing the view probe tells); nothing went after.
      expect(asked(g)).toEqual(["probe view", "probe manage"]);
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
