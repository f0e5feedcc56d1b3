import type { AppFacts, Form } from "@front-agent/shared";
import { KintoneFailure } from "../kintone/failure.ts";
import type { KintoneGateway, ProbeResult } from "../kintone/gateway.ts";

/**
 * What kintone says about one app and its token, for the settings checks: the view probe tells whether
 * the token is accepted at all; then the add probe (which also tells レコード編集, probes.ts) and the live
 * form, side by side (the gateway keeps it to 4 at once). The manage probe needs nothing the view probe
 * tells, so it goes with it. Two apps' checks are then 8 requests in two round trips (4 + 4), and a
 * third only for a token that may not add (its edit probe): the administrator waits for the slowest chain
 * of requests, not for their sum (issue 16: three round trips before).
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
  const viewAnswer = gateway.probe(appId, "view");
  const manage = gateway.probe(appId, "manage");
  // Read below; left unread when the view probe ends the check (its failure then says the same).
  manage.catch(() => {});
  let view: ProbeResult;
  try {
    view = await viewAnswer;
  } catch (error) {
    const reach = reachOf(error);
    if (reach) return { reach, permissions: {}, form: null };
    throw error;
  }
  const addAndEdit = gateway.probeAddAndEdit(appId);
  const add = addAndEdit.then((answer) => answer.add);
  const edit = addAndEdit.then((answer) => answer.edit ?? gateway.probe(appId, "edit"));
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
