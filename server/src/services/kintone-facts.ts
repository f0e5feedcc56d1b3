import type { AppFacts, Form } from "@front-agent/shared";
import { KintoneFailure } from "../kintone/failure.ts";
import type { KintoneGateway, ProbeResult } from "../kintone/gateway.ts";

/**
 * What kintone says about one app and its token, for the settings checks: the view probe tells whether
 * the token is accepted at all; then the other probes (kintone/probes.ts: each read from kintone's answer,
 * none leaving anything in the app) and the live form, all side by side (the gateway keeps it to 4 at once):
 * the administrator waits for the slowest chain of requests, not for their sum.
 */
export async function gatherAppFacts(gateway: KintoneGateway, appId: string): Promise<AppFacts> {
  try {
    return await gather(gateway, appId);
  } catch (error) {
    // At any of the requests (something in between may redirect some paths only): a finding about the
    // address, not kintone being down. The gateway never follows it.
    if (error instanceof KintoneFailure && error.kind === "redirect")
      return { reach: "redirected", permissions: {}, form: null };
    throw error;
  }
}

async function gather(gateway: KintoneGateway, appId: string): Promise<AppFacts> {
  let view: ProbeResult;
  try {
    view = await gateway.probe(appId, "view");
  } catch (error) {
    const reach = reachOf(error);
    if (reach) return { reach, permissions: {}, form: null };
    throw error;
  }
  const add = gateway.probe(appId, "add");
  const edit = gateway.probe(appId, "edit");
  const manage = gateway.probe(appId, "manage");
  // The live form needs レコード閲覧 or レコード追加: with view granted it is read alongside the probes;
  // otherwise only once the add probe has answered, so a token with neither sends no request bound to fail.
  const form: Promise<Form | null> =
    view !== "missing"
      ? readForm(gateway, appId)
      : add.then((answer) => (answer !== "missing" ? readForm(gateway, appId) : null));
  const [permissions, formRead] = await Promise.all([
    Promise.all([add, edit, manage]).then(([a, e, m]) => ({ view, add: a, edit: e, manage: m })),
    form,
  ]);
  return { reach: "ok", permissions, form: formRead };
}

async function readForm(gateway: KintoneGateway, appId: string): Promise<Form> {
  return gateway.formFields(appId);
}

function reachOf(error: unknown): AppFacts["reach"] | null {
  if (!(error instanceof KintoneFailure)) return null;
  switch (error.kind) {
    case "auth":
      return "token_invalid";
    case "not_found":
      return "app_not_found";
    case "guest_space":
      return "guest_space";
    default:
      return null;
  }
}
