import { TEMPLATE_ACTIVITY_FIELDS, TEMPLATE_CUSTOMER_FIELDS } from "@front-agent/shared/template-settings";
import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import { apiRoot, BackendClient, BackendError, type Check, PROXIED_METHODS } from "../backend.ts";
import { type Language, t } from "../i18n.ts";
import type { KintoneEnv } from "../kintone-env.ts";
import { AppsSection } from "./AppsSection.tsx";
import { ChecksPanel } from "./ChecksPanel.tsx";
import { ConnectionSection, connectionError } from "./ConnectionSection.tsx";
import {
  type Draft,
  draftFrom,
  mappedLabels,
  pluginConfig,
  type StoredParts,
  settingsBody,
  withoutMissingDefaults,
} from "./draft.ts";
import { localChecks, useForms } from "./forms.ts";
import { OptionsSection } from "./OptionsSection.tsx";
import { SettingsTransfer } from "./SettingsTransfer.tsx";
import { StatusPanel } from "./StatusPanel.tsx";
import type { SectionProps } from "./section-props.ts";
import { UserMappingSection } from "./UserMappingSection.tsx";

type Notice = { kind: "info" | "success" | "error"; text: string } | null;

/**
 * The plug-in's settings page (SPEC S1–S10). The draft lives here; each section edits its part. Checks
 * come from two places: the ones the screen can make from the apps' preview forms at once, and the
 * backend's (token permissions, the live form) when it validates or saves.
 */
export function ConfigScreen({ env }: { env: KintoneEnv }) {
  const language: Language = env.language();
  const appId = env.appId() ?? "";
  const [draft, setDraft] = useState<Draft>(() => draftFrom(appId, env.getConfig(), null));
  const [loaded, setLoaded] = useState(false);
  const [backendChecks, setBackendChecks] = useState<Check[]>([]);
  const [notice, setNotice] = useState<Notice>(null);
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [invalidInputs, setInvalidInputs] = useState<ReadonlySet<string>>(new Set());
  const reportInvalid = useCallback((control: string, invalid: boolean) => {
    setInvalidInputs((current) => {
      if (current.has(control) === invalid) return current;
      const next = new Set(current);
      if (invalid) next.add(control);
      else next.delete(control);
      return next;
    });
  }, []);

  const backend = useMemo(
    () =>
      draft.backendUrl.trim() === ""
        ? null
        : new BackendClient(env, draft.backendUrl.trim(), draft.connectionKey.trim() || null),
    [env, draft.backendUrl, draft.connectionKey],
  );

  // What the backend stored (tokens set, the user mapping) refines the plug-in config on opening.
  useEffect(() => {
    const config = env.getConfig();
    if (!config.backendUrl) {
      setLoaded(true);
      return;
    }
    new BackendClient(env, config.backendUrl)
      .settings<StoredParts>()
      .then((stored) => setDraft(draftFrom(appId, config, stored)))
      .catch((error: unknown) =>
        setNotice({
          kind: "error",
          text: t(language, "loadFailed", { reason: connectionError(language, error) }),
        }),
      )
      .finally(() => setLoaded(true));
  }, [env, appId, language]);

  const forms = useForms(env, draft);
  // First visit: the template's codes the apps' forms lack are cleared once each form is read.
  const firstVisit = useRef(!env.getConfig().settings);
  const pruned = useRef(new Set<string>());
  useEffect(() => {
    if (!firstVisit.current) return;
    for (const [app, state] of [
      ["customerApp", forms.customer],
      ["activityApp", forms.activity],
    ] as const) {
      const key = `${app}:${draft[app].appId}`;
      if (state.status !== "ready" || !state.form || pruned.current.has(key)) continue;
      pruned.current.add(key);
      const form = state.form;
      setDraft((current) => {
        const next = structuredClone(current);
        if (app === "customerApp")
          next.customerApp.fields = withoutMissingDefaults(
            next.customerApp.fields,
            TEMPLATE_CUSTOMER_FIELDS,
            form,
          );
        else
          next.activityApp.fields = withoutMissingDefaults(
            next.activityApp.fields,
            TEMPLATE_ACTIVITY_FIELDS,
            form,
          );
        return next;
      });
    }
  }, [forms, draft]);
  const checks = useMemo(
    () => mergeChecks(localChecks(draft, forms, language), backendChecks),
    [draft, forms, language, backendChecks],
  );
  const update = (change: (draft: Draft) => void) => {
    // The backend's checks judged the draft as it was; after a change only a new save can say again.
    setBackendChecks([]);
    setDraft((current) => {
      const next = structuredClone(current);
      change(next);
      return next;
    });
  };

  const save = async () => {
    if (!backend) {
      setNotice({ kind: "error", text: t(language, "needBackend") });
      return;
    }
    // Blocked by what the screen itself sees wrong; the backend checks everything again on saving.
    if (invalidInputs.size > 0 || localChecks(draft, forms, language).some((c) => c.status === "error")) {
      setNotice({ kind: "error", text: t(language, "saveBlocked") });
      return;
    }
    setSaving(true);
    setNotice({ kind: "info", text: t(language, "saving") });
    try {
      const saved = await backend.save(settingsBody(draft, env.origin()));
      // Only after the backend accepted: the key into the proxy config, the rest into the plug-in config.
      const key = draft.connectionKey.trim();
      if (key) {
        for (const method of PROXIED_METHODS) {
          await env.setProxyConfig(apiRoot(draft.backendUrl.trim()), method, {
            Authorization: `Bearer ${key}`,
          });
        }
      }
      const labels = mappedLabels(draft, {
        customerApp: forms.customer.form,
        activityApp: forms.activity.form,
      });
      await env.setConfig({
        ...pluginConfig({ ...draft, fieldLabels: { ...draft.fieldLabels, ...labels } }),
      });
      update((d) => {
        d.connectionKeySet ||= d.connectionKey.trim() !== "";
        d.connectionKey = "";
        d.customerApp.tokenSet ||= d.customerApp.apiToken.trim() !== "";
        d.customerApp.apiToken = "";
        d.activityApp.tokenSet ||= d.activityApp.apiToken.trim() !== "";
        d.activityApp.apiToken = "";
      });
      setBackendChecks(saved.checks);
      setSavedAt(saved.savedAt);
      setNotice({ kind: "success", text: t(language, "saved") });
    } catch (error) {
      if (error instanceof BackendError && error.checks.length > 0) {
        setBackendChecks(error.checks);
        setNotice({ kind: "error", text: t(language, "saveRefused") });
      } else {
        setNotice({ kind: "error", text: connectionError(language, error) });
      }
    } finally {
      setSaving(false);
    }
  };

  // 設定を確認: the backend checks the tokens' permissions and the live forms, storing nothing.
  const validate = async () => {
    if (!backend) {
      setNotice({ kind: "error", text: t(language, "needBackend") });
      return;
    }
    setSaving(true);
    setNotice({ kind: "info", text: t(language, "validating") });
    try {
      const found = await backend.validate(settingsBody(draft, env.origin()));
      setBackendChecks(found);
      const errors = found.filter((c) => c.status === "error").length;
      setNotice(
        errors > 0
          ? { kind: "error", text: t(language, "validateErrors", { count: errors }) }
          : { kind: "success", text: t(language, "validateOk") },
      );
    } catch (error) {
      setNotice({ kind: "error", text: connectionError(language, error) });
    } finally {
      setSaving(false);
    }
  };

  const props: SectionProps = { env, language, draft, update, checks, backend, forms, reportInvalid };
  return (
    <section class="settings fa-config" lang={language === "ja" ? "ja" : "en"}>
      <h2 class="kintoneplugin-title">{t(language, "title")}</h2>
      {loaded ? null : <p class="kintoneplugin-desc">{t(language, "loading")}</p>}
      <ConnectionSection {...props} />
      <AppsSection {...props} />
      <UserMappingSection {...props} />
      <OptionsSection {...props} />
      <ChecksPanel {...props} />
      <StatusPanel {...props} key={savedAt ?? "never"} />
      <SettingsTransfer {...props} />
      {notice ? (
        <p class={`fa-notice fa-notice-${notice.kind}`} role={notice.kind === "error" ? "alert" : "status"}>
          {notice.text}
        </p>
      ) : null}
      <div class="fa-actions">
        <button
          type="button"
          class="kintoneplugin-button-dialog-cancel"
          onClick={() => history.back()}
          disabled={saving}
        >
          {t(language, "cancel")}
        </button>
        <button type="button" class="kintoneplugin-button-normal" onClick={validate} disabled={saving}>
          {t(language, "validate")}
        </button>
        <button type="button" class="kintoneplugin-button-dialog-ok" onClick={save} disabled={saving}>
          {t(language, "save")}
        </button>
      </div>
    </section>
  );
}

/** The backend's word wins for a check both made (it saw the live form and the tokens). */
function mergeChecks(local: Check[], backend: Check[]): Check[] {
  const ids = new Set(backend.map((c) => c.id));
  return [...backend, ...local.filter((c) => !ids.has(c.id))];
}
