import type { AppFacts, Form } from "@front-agent/shared";
import { KintoneFailure } from "../kintone/failure.ts";
import type { KintoneGateway, Permission, ProbeResult } from "../kintone/gateway.ts";

/**
 * What kintone says about one app and its token, for the settings checks: the view probe tells whether
 * the token is accepted at all; then the other probes (kintone/probes.ts: each read from kintone's answer,
 * none leaving anything in the app) and the live form, side by side (the gateway keeps it to 4 at once).
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
  const others: Permission[] = ["add", "edit", "manage"];
  const [add, edit, manage] = await Promise.all(others.map((p) => gateway.probe(appId, p)));
  let form: Form | null = null;
  if (view !== "missing" || add !== "missing") {
    form = (await gateway.formFields(appId)) as unknown as Form;
  }
  return { reach: "ok", permissions: { view, add, edit, manage } as AppFacts["permissions"], form };
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
