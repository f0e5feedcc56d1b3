/**
 * Tests only: renders one config section the way ConfigScreen does — the draft held in state, changed
 * through `update` on a copy — and lets the test read the draft the section left.
 */
import { render } from "@testing-library/preact";
import type { ComponentType } from "preact";
import { useState } from "preact/hooks";
import { BackendClient, type Check } from "../../src/backend.ts";
import { type Draft, emptyDraft } from "../../src/config/draft.ts";
import type { Forms, SectionProps } from "../../src/config/section-props.ts";
import type { ProxyAnswer } from "../../src/kintone-env.ts";
import { type fakeKintone, json, type ProxyCall } from "../fake-kintone.ts";

export interface HarnessOptions {
  draft?: Draft;
  /** The backend's URL; null: none entered yet. */
  backendUrl?: string | null;
  checks?: Check[];
  forms?: Forms;
}

export const BACKEND_URL = "https://fa.example.com";
export const CONNECTION_KEY = "fa_ck_typed-on-the-screen";

const NO_FORMS: Forms = {
  customer: { status: "idle", form: null },
  activity: { status: "idle", form: null },
};

export function renderSection(
  Section: ComponentType<SectionProps>,
  kintone: ReturnType<typeof fakeKintone>,
  options: HarnessOptions = {},
) {
  const { env } = kintone;
  const latest = { draft: options.draft ?? emptyDraft(env.appId() ?? "") };
  const url = options.backendUrl === undefined ? BACKEND_URL : options.backendUrl;
  // As the screen gives it: with the key the administrator typed (and the backend accepted).
  const backend = url === null ? null : new BackendClient(env, url, CONNECTION_KEY);
  function Harness() {
    const [draft, setDraft] = useState(latest.draft);
    latest.draft = draft;
    const update = (change: (draft: Draft) => void) =>
      setDraft((current) => {
        const next = structuredClone(current);
        change(next);
        return next;
      });
    return (
      <Section
        env={env}
        language={env.language()}
        draft={draft}
        update={update}
        reportInvalid={() => {}}
        checks={options.checks ?? []}
        backend={backend}
        forms={options.forms ?? NO_FORMS}
      />
    );
  }
  const result = render(<Harness />);
  return { ...result, draft: () => latest.draft };
}

type Route = (call: ProxyCall) => ProxyAnswer | Promise<ProxyAnswer>;

/** The fake proxy's answers by "METHOD path" below the backend's /v1/ (e.g. "GET users"); others are 404. */
export function backendRoutes(routes: Record<string, Route>) {
  return (call: ProxyCall) => {
    const route = routes[`${call.method} ${call.url.slice(`${BACKEND_URL}/v1/`.length)}`];
    return route ? route(call) : json(404, { error: { code: "NOT_FOUND", message: "not found" } });
  };
}
