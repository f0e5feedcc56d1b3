import { TEMPLATE_ACTIVITY_FIELDS, TEMPLATE_CUSTOMER_FIELDS } from "@front-agent/shared/template-settings";
import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import { type BackendClient, BackendError, type Check, type Status } from "../backend.ts";
import { type Language, t } from "../i18n.ts";
import type { KintoneEnv } from "../kintone-env.ts";
import { AppsSection } from "./apps/AppsSection.tsx";
import { localChecks, useForms } from "./apps/forms.ts";
import { ChecksPanel } from "./checks/ChecksPanel.tsx";
import { validationNotice } from "./checks/validation-notice.ts";
import { ConnectionSection, connectionError } from "./connection/ConnectionSection.tsx";
import { useConnection } from "./connection/connection.ts";
import {
  type Draft,
  draftFrom,
  mappedLabels,
  pluginConfig,
  type StoredParts,
  settingsBody,
  withoutMissingDefaults,
  withStored,
} from "./draft.ts";
import { ExportsSection } from "./exports/ExportsSection.tsx";
import { OptionsSection } from "./options/OptionsSection.tsx";
import { storeRecordKey } from "./proxy-config.ts";
import type { SectionProps } from "./section-props.ts";
import { StatusPanel } from "./status/StatusPanel.tsx";
import { SettingsTransfer } from "./transfer/SettingsTransfer.tsx";
import type { Notice } from "./ui/notice.ts";
import { UserMappingSection } from "./user-mapping/UserMappingSection.tsx";

/**
 * The plug-in's settings page (SPEC S1–S10). The draft lives here; each section edits its part. Checks
 * come from two places: the ones the screen can make from the apps' preview forms at once, and the
 * backend's (token permissions, the live form) when it validates or saves.
 */
export function ConfigScreen({ env }: { env: KintoneEnv }) {
  const language: Language = env.language();
  const appId = env.appId() ?? "";
  // What the plug-in config holds (no secret) is shown at once; the backend's part waits for the key.
  const [opened] = useState(() => draftFrom(appId, env.getConfig(), null));
  const [draft, setDraft] = useState<Draft>(opened);
  const [backendChecks, setBackendChecks] = useState<Check[]>([]);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  // The operator's ceiling on the first import's cap, once a status read said it (the options show it).
  const [maxInitialRecords, setMaxInitialRecords] = useState<number | null>(null);
  const onStatus = useCallback((status: Status) => {
    setMaxInitialRecords(status.limits?.maxInitialRecords ?? null);
  }, []);
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

  // What the backend stored (tokens set, the user mapping) refines the draft once the key is accepted.
  const onStored = useCallback(
    (stored: StoredParts | null) =>
      setDraft((current) => withStored(current, opened, draftFrom(appId, env.getConfig(), stored))),
    [appId, env, opened],
  );
  const connection = useConnection(
    env,
    draft.backendUrl,
    draft.connectionKey,
    opened.backendUrl.trim() !== "",
    onStored,
  );

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

  /** The backend with the typed key, or why there is none (a notice says so). */
  const typedBackend = () => {
    if (draft.backendUrl.trim() === "") setNotice({ kind: "error", text: t(language, "needBackend") });
    else if (!connection.typed) setNotice({ kind: "error", text: t(language, "needKey") });
    return connection.typed;
  };
  const failed = (backend: BackendClient, error: unknown) => {
    if (error instanceof BackendError && error.status === 401) connection.refuse(backend);
    setNotice({ kind: "error", text: connectionError(language, error) });
  };

  const save = async () => {
    const backend = typedBackend();
    if (!backend) return;
    // Saving a draft the stored settings never reached would overwrite them with what the screen guessed.
    if (connection.storedPending) {
      setNotice({ kind: "error", text: t(language, "saveNeedsStored") });
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
      connection.accept(backend);
      // Only after the backend accepted: the record key into the proxy config (the connection key never
      // goes to kintone), the non-secret rest into the plug-in config.
      await storeRecordKey(env, draft.backendUrl.trim(), saved.recordKey);
      const labels = mappedLabels(draft, {
        customerApp: forms.customer.form,
        activityApp: forms.activity.form,
      });
      await env.setConfig({
        ...pluginConfig({ ...draft, fieldLabels: { ...draft.fieldLabels, ...labels } }),
      });
      // The typed connection key stays: the administrator goes on working on this page.
      update((d) => {
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
        failed(backend, error);
      }
    } finally {
      setSaving(false);
    }
  };

  // 設定を確認: the backend checks the tokens' permissions and the live forms, storing nothing.
  const validate = async () => {
    const backend = typedBackend();
    if (!backend) return;
    setSaving(true);
    setNotice({ kind: "info", text: t(language, "validating") });
    try {
      const found = await backend.validate(settingsBody(draft, env.origin()));
      connection.accept(backend);
      setBackendChecks(found);
      setNotice(validationNotice(language, mergeChecks(localChecks(draft, forms, language), found)));
    } catch (error) {
      failed(backend, error);
    } finally {
      setSaving(false);
    }
  };

  // The sections that read from the backend are given it only once the typed key is accepted.
  const props: SectionProps = {
    env,
    language,
    draft,
    update,
    checks,
    backend: connection.accepted,
    forms,
    reportInvalid,
  };
  return (
    <section class="settings fa-config" lang={language === "ja" ? "ja" : "en"}>
      <h2 class="kintoneplugin-title">{t(language, "title")}</h2>
      <ConnectionSection {...props} connection={connection} />
      <AppsSection {...props} />
      <UserMappingSection {...props} />
      <OptionsSection {...props} maxInitialRecords={maxInitialRecords} />
      <ChecksPanel {...props} />
      <StatusPanel {...props} key={savedAt ?? "never"} onStatus={onStatus} />
      <ExportsSection {...props} />
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
