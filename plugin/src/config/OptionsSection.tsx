import { useEffect, useState } from "preact/hooks";
import { type Language, t } from "../i18n.ts";
import { CheckRows } from "./CheckRows.tsx";
import { connectionError } from "./ConnectionSection.tsx";
import { settingsBody } from "./draft.ts";
import { kintoneErrorText } from "./forms.ts";
import {
  countUpdatedWithin,
  firstImportPlan,
  isQueryableFieldCode,
  updatedTimeField,
} from "./import-preview.ts";
import { formatCount } from "./locale-format.ts";
import { type NumberOption, OPTION_LIMITS, optionValue } from "./option-values.ts";
import type { SectionProps } from "./section-props.ts";

type Preview =
  | { state: "idle" }
  | { state: "running" }
  /** `key` is what was counted: a later change of app, field or window makes the answer stale. */
  | { state: "error"; key: string; text: string }
  | { state: "ready"; key: string; total: number };

/** SPEC S9: auto-register, the first import's window and cap, the sync interval; and what I9 will import. */
export function OptionsSection({
  env,
  language,
  draft,
  update,
  checks,
  forms,
  backend,
  reportInvalid,
}: SectionProps) {
  const { options } = draft;
  const appId = draft.customerApp.appId.trim();
  const fieldCode = updatedTimeField(forms.customer.form);
  const key = `${appId}|${fieldCode}|${options.initialWindowDays}`;
  const [preview, setPreview] = useState<Preview>({ state: "idle" });

  const count = async () => {
    if (!isQueryableFieldCode(fieldCode)) {
      setPreview({ state: "error", key, text: t(language, "optionsPreviewBadField", { code: fieldCode }) });
      return;
    }
    setPreview({ state: "running" });
    try {
      const total = await countUpdatedWithin(env, appId, fieldCode, new Date(), options.initialWindowDays);
      setPreview({ state: "ready", key, total });
    } catch (error) {
      setPreview({
        state: "error",
        key,
        text: t(language, "optionsPreviewFailed", { reason: kintoneErrorText(error) }),
      });
    }
  };

  // The backend's dry run: the same records and rules as the first import, nothing written.
  const [dryRun, setDryRun] = useState<{ state: "idle" | "running" } | { state: "done"; text: string }>({
    state: "idle",
  });
  const tryImport = async () => {
    if (!backend) return;
    setDryRun({ state: "running" });
    try {
      const result = await backend.importPreview(settingsBody(draft, env.origin()));
      setDryRun({
        state: "done",
        text: t(language, "optionsDryRunResult", {
          read: formatCount(language, result.read),
          created: formatCount(language, result.created),
          linked: formatCount(language, result.linked),
          skipped: formatCount(language, result.skipped),
        }),
      });
    } catch (error) {
      setDryRun({
        state: "done",
        text: t(language, "optionsDryRunFailed", { reason: connectionError(language, error) }),
      });
    }
  };

  const setNumber = (option: NumberOption, value: number) =>
    update((d) => {
      d.options[option] = value;
    });
  const fieldChecks = checks.filter((c) => c.field?.startsWith("options"));
  return (
    <section class="fa-section" aria-labelledby="fa-options">
      <h3 id="fa-options" class="kintoneplugin-label">
        {t(language, "optionsHeading")}
      </h3>
      <div class="kintoneplugin-row">
        <div class="kintoneplugin-input-checkbox">
          <span class="kintoneplugin-input-checkbox-item">
            <input
              id="fa-auto-register"
              type="checkbox"
              checked={options.autoRegister}
              onChange={(e) =>
                update((d) => {
                  d.options.autoRegister = e.currentTarget.checked;
                })
              }
            />
            <label for="fa-auto-register">{t(language, "optionsAutoRegister")}</label>
          </span>
        </div>
        <p class="kintoneplugin-desc">{t(language, "optionsAutoRegisterHelp")}</p>
      </div>
      <NumberField
        language={language}
        option="initialWindowDays"
        label={t(language, "optionsWindowDays")}
        value={options.initialWindowDays}
        reportInvalid={reportInvalid}
        onValid={(v) => setNumber("initialWindowDays", v)}
      />
      <NumberField
        language={language}
        option="initialMaxRecords"
        label={t(language, "optionsMaxRecords")}
        value={options.initialMaxRecords}
        reportInvalid={reportInvalid}
        onValid={(v) => setNumber("initialMaxRecords", v)}
      />
      <div class="kintoneplugin-row">
        <button
          type="button"
          class="kintoneplugin-button-normal"
          disabled={appId === "" || preview.state === "running"}
          onClick={count}
        >
          {t(language, "optionsPreviewButton")}
        </button>
        <p class="fa-preview" aria-live="polite">
          {previewText(language, preview, key, appId, options.initialWindowDays, options.initialMaxRecords)}
        </p>
      </div>
      <div class="kintoneplugin-row">
        <button
          type="button"
          class="kintoneplugin-button-normal"
          disabled={!backend || dryRun.state === "running"}
          onClick={tryImport}
        >
          {t(language, "optionsDryRunButton")}
        </button>
        <p class="fa-preview" aria-live="polite">
          {dryRun.state === "running"
            ? t(language, "optionsDryRunRunning")
            : dryRun.state === "done"
              ? dryRun.text
              : backend
                ? ""
                : t(language, "optionsDryRunNeedBackend")}
        </p>
      </div>
      <NumberField
        language={language}
        option="syncIntervalHours"
        label={t(language, "optionsIntervalHours")}
        value={options.syncIntervalHours}
        reportInvalid={reportInvalid}
        onValid={(v) => setNumber("syncIntervalHours", v)}
      />
      <CheckRows checks={fieldChecks} />
    </section>
  );
}

function previewText(
  language: Language,
  preview: Preview,
  key: string,
  appId: string,
  days: number,
  cap: number,
): string {
  if (appId === "") return t(language, "optionsPreviewNeedApp");
  if (preview.state === "running") return t(language, "optionsPreviewRunning");
  if (preview.state === "idle" || preview.key !== key) return "";
  if (preview.state === "error") return preview.text;
  // The cap needs no new count: the same total is read against the cap now set.
  const plan = firstImportPlan(preview.total, cap);
  const n = (value: number) => formatCount(language, value);
  if (plan.kind === "none") return t(language, "optionsPreviewNone", { days });
  if (plan.kind === "all") return t(language, "optionsPreviewAll", { days, total: n(preview.total) });
  return t(language, "optionsPreviewCapped", {
    days,
    total: n(preview.total),
    cap: n(cap),
    rest: n(plan.rest),
  });
}

interface NumberFieldProps {
  language: Language;
  option: NumberOption;
  label: string;
  /** The draft's value: always valid. */
  value: number;
  onValid(value: number): void;
  reportInvalid: SectionProps["reportInvalid"];
}

/**
 * The text typed is kept here; only a valid number reaches the draft, so a half-typed or wrong value is
 * shown with its message at the field and the draft keeps the last good one.
 */
function NumberField({ language, option, label, value, onValid, reportInvalid }: NumberFieldProps) {
  const [text, setText] = useState(String(value));
  // The draft changed from elsewhere (import, reset): show its value.
  useEffect(() => {
    setText((current) => (optionValue(option, current) === value ? current : String(value)));
  }, [option, value]);
  const valid = optionValue(option, text) !== null;
  const id = `fa-option-${option}`;
  useEffect(() => {
    reportInvalid(id, !valid);
    return () => reportInvalid(id, false);
  }, [id, valid, reportInvalid]);
  const { min, max } = OPTION_LIMITS[option];
  return (
    <div class="kintoneplugin-row">
      <label for={id}>{label}</label>
      <div class="kintoneplugin-input-outer">
        <input
          id={id}
          class="kintoneplugin-input-text"
          type="text"
          inputMode="numeric"
          aria-invalid={valid ? undefined : "true"}
          aria-describedby={valid ? undefined : `${id}-error`}
          value={text}
          onInput={(e) => {
            const typed = e.currentTarget.value;
            setText(typed);
            const parsed = optionValue(option, typed);
            if (parsed !== null && parsed !== value) onValid(parsed);
          }}
        />
      </div>
      {valid ? null : (
        <p id={`${id}-error`} class="fa-check fa-check-error" role="alert">
          {t(language, "optionsInvalidNumber", {
            min: formatCount(language, min),
            max: formatCount(language, max),
            kept: formatCount(language, value),
          })}
        </p>
      )}
    </div>
  );
}
