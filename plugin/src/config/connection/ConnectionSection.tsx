import { useState } from "preact/hooks";
import { BackendError } from "../../backend.ts";
import { type Language, t } from "../../i18n.ts";
import type { SectionProps } from "../section-props.ts";
import { CheckRows } from "../ui/CheckRows.tsx";
import type { Connection } from "./connection.ts";

type Probe = { state: "idle" | "running" } | { state: "ok" | "error"; text: string };

/**
 * SPEC S2: the backend's address, the tenant's connection key and Front Agent's address; 接続テスト. The key
 * is typed on each visit (kintone does not keep it); the line under it says what waits for it.
 */
export function ConnectionSection({
  language,
  draft,
  update,
  checks,
  connection,
}: SectionProps & { connection: Connection }) {
  const [probe, setProbe] = useState<Probe>({ state: "idle" });
  const test = async () => {
    const backend = connection.typed;
    if (!backend) return;
    setProbe({ state: "running" });
    try {
      const status = await backend.status();
      setProbe({
        state: "ok",
        text: t(language, "connectionOk", { linked: status.customers.linked, total: status.customers.total }),
      });
      connection.accept(backend);
    } catch (error) {
      // A refused key is said once, on the key's own line.
      if (error instanceof BackendError && error.status === 401) {
        connection.refuse(backend);
        setProbe({ state: "idle" });
      } else setProbe({ state: "error", text: connectionError(language, error) });
    }
  };
  const keyLine = keyStateLine(language, connection);
  const fieldChecks = checks.filter((c) => c.field === "kintone.baseUrl" || c.field === "frontAgent.baseUrl");
  return (
    <section class="fa-section" aria-labelledby="fa-connection">
      <h3 id="fa-connection" class="kintoneplugin-label">
        {t(language, "connectionHeading")}
      </h3>
      <p class="kintoneplugin-desc">{t(language, "connectionHelp")}</p>
      <div class="kintoneplugin-row">
        <label for="fa-backend-url">{t(language, "backendUrl")}</label>
        <div class="kintoneplugin-input-outer">
          <input
            id="fa-backend-url"
            class="kintoneplugin-input-text"
            type="url"
            placeholder="https://front-agent-kintone.example.com"
            value={draft.backendUrl}
            onInput={(e) =>
              update((d) => {
                d.backendUrl = e.currentTarget.value;
              })
            }
          />
        </div>
      </div>
      <div class="kintoneplugin-row">
        <label for="fa-connection-key">{t(language, "connectionKey")}</label>
        <div class="kintoneplugin-input-outer">
          <input
            id="fa-connection-key"
            class="kintoneplugin-input-text"
            type="password"
            autocomplete="off"
            aria-describedby="fa-connection-key-help"
            value={draft.connectionKey}
            onInput={(e) =>
              update((d) => {
                d.connectionKey = e.currentTarget.value;
              })
            }
          />
        </div>
        <p id="fa-connection-key-help" class="kintoneplugin-desc">
          {t(language, "connectionKeyHelp")}
        </p>
        {keyLine ? (
          <p
            class={`fa-key-state fa-key-state-${keyLine.kind}`}
            role={keyLine.kind === "error" ? "alert" : undefined}
            aria-live="polite"
          >
            {keyLine.text}
          </p>
        ) : null}
      </div>
      <div class="kintoneplugin-row">
        <label for="fa-front-agent-url">{t(language, "frontAgentUrl")}</label>
        <div class="kintoneplugin-input-outer">
          <input
            id="fa-front-agent-url"
            class="kintoneplugin-input-text"
            type="url"
            placeholder="https://front-agent.example.com"
            value={draft.frontAgentBaseUrl}
            onInput={(e) =>
              update((d) => {
                d.frontAgentBaseUrl = e.currentTarget.value;
              })
            }
          />
        </div>
      </div>
      <CheckRows checks={fieldChecks} />
      <div class="kintoneplugin-row">
        <button
          type="button"
          class="kintoneplugin-button-normal"
          disabled={!connection.typed || probe.state === "running"}
          onClick={test}
        >
          {t(language, "connectionTest")}
        </button>
        {probe.state === "ok" || probe.state === "error" ? (
          <span class={`fa-probe fa-probe-${probe.state}`} role="status">
            {probe.text}
          </span>
        ) : null}
      </div>
    </section>
  );
}

/** What the screen says under the key: what waits for it, that it is being tried, refused or accepted. */
function keyStateLine(
  language: Language,
  connection: Connection,
): { kind: "info" | "ok" | "error"; text: string } | null {
  const { key, storedPending, storedLoaded } = connection;
  switch (key.state) {
    case "noKey":
    case "typing":
      return storedPending ? { kind: "info", text: t(language, "keyNeededToLoad") } : null;
    case "checking":
      return { kind: "info", text: t(language, "keyChecking") };
    case "refused":
      return { kind: "error", text: t(language, "connectionKeyRefused") };
    case "failed": {
      const reason = connectionError(language, key.error);
      return { kind: "error", text: storedPending ? t(language, "loadFailed", { reason }) : reason };
    }
    case "accepted":
      return storedLoaded ? { kind: "ok", text: t(language, "storedLoaded") } : null;
    default:
      return null;
  }
}

/** What a failed backend call means for the administrator, in words they can act on. */
export function connectionError(language: Language, error: unknown): string {
  if (error instanceof BackendError) {
    if (error.status === 401) return t(language, "connectionKeyRefused");
    if (error.code === "BACKEND_UNREACHABLE")
      return t(language, "backendUnreachable", { status: error.status });
    return error.message;
  }
  return t(language, "backendUnreachable", { status: "-" });
}
