import { useEffect, useState } from "preact/hooks";
import type { Check } from "../../backend.ts";
import { type Language, type MessageKey, t } from "../../i18n.ts";
import { kintoneErrorText } from "../apps/forms.ts";
import { connectionError } from "../connection/ConnectionSection.tsx";
import { settingsBody } from "../draft.ts";
import type { SectionProps } from "../section-props.ts";
import { CheckRows, problemsAt } from "../ui/CheckRows.tsx";
import { formatCount } from "../ui/locale-format.ts";
import {
  countUpdatedWithin,
  firstImportPlan,
  isQueryableFieldCode,
  updatedTimeField,
} from "./import-preview.ts";
import { type NumberOption, OPTION_LIMITS, optionValue } from "./option-values.ts";

type Preview =
  | { state: "idle" }
  | { state: "running" }
  /** `key` is what was counted: a later change of app, field or window makes the answer stale. */
  | { state: "error"; key: string; text: string }
  | { state: "ready"; key: string; total: number };

/** The options a NumberField edits, each showing the checks whose `field` is its settings path. */
const NUMBER_OPTIONS = new Set(Object.keys(OPTION_LIMITS).map((option) => `options.${option}`));

/**
 * SPEC S9: auto-register, the first import's window and cap, the sync and full-sync intervals; and what I9
 * will import. `maxInitialRecords` is the operator's ceiling on the cap (GET /v1/kintone/status's limits),
 * null until the backend said it.
 */
export function OptionsSection({
  env,
  language,
  draft,
  update,
  checks,
  forms,
  backend,
  reportInvalid,
  maxInitialRecords = null,
}: SectionProps & { maxInitialRecords?: number | null }) {
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

  // Checks on one option show under its field; the others at the end of the section.
  const fieldChecks = checks.filter((c) => c.field?.startsWith("options") && !NUMBER_OPTIONS.has(c.field));
  const numberField = (option: NumberOption, label: MessageKey, help?: string) => (
    <NumberField
      language={language}
      option={option}
      label={t(language, label)}
      value={options[option]}
      help={help}
      checks={problemsAt(checks, `options.${option}`)}
      reportInvalid={reportInvalid}
      onValid={(value) =>
        update((d) => {
          d.options[option] = value;
        })
      }
    />
  );
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
      {numberField("initialWindowDays", "optionsWindowDays")}
      {numberField(
        "initialMaxRecords",
        "optionsMaxRecords",
        maxInitialRecords === null
          ? undefined
          : t(language, "optionsMaxRecordsCeiling", { max: formatCount(language, maxInitialRecords) }),
      )}
      <div class="kintoneplugin-row">
        <button
          type="button"
          class="kintoneplugin-button-normal"
          disabled={appId === "" || preview.state === "running"}
          onClick={count}
        >
          {t(language, "optionsPreviewButton")}
        </button>
        <AnswerBox
          text={previewText(
            language,
            preview,
            key,
            appId,
            options.initialWindowDays,
            options.initialMaxRecords,
          )}
        />
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
        <AnswerBox
          text={
            dryRun.state === "running"
              ? t(language, "optionsDryRunRunning")
              : dryRun.state === "done"
                ? dryRun.text
                : backend
                  ? ""
                  : t(language, "optionsDryRunNeedBackend")
          }
        />
      </div>
      {numberField("syncIntervalHours", "optionsIntervalHours")}
      {numberField("fullSyncIntervalDays", "optionsFullSyncDays", t(language, "optionsFullSyncHelp"))}
      <CheckRows checks={fieldChecks} />
    </section>
  );
}

/**
 * An answer's box, drawn only once there is something to say (an empty one showed as a blank strip); the
 * live region stays so a screen reader hears the answer when it comes.
 */
function AnswerBox({ text }: { text: string }) {
  return <div aria-live="polite">{text ? <p class="fa-preview">{text}</p> : null}</div>;
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
  /** A line under the field: what the value means or its limit. */
  help?: string | undefined;
  /** The checks on this option (e.g. the backend's `options.maxRecords`), under the field like others. */
  checks: readonly Check[];
  onValid(value: number): void;
  reportInvalid: SectionProps["reportInvalid"];
}

/**
 * The text typed is kept here; only a valid number reaches the draft, so a half-typed or wrong value is
 * shown with its message at the field and the draft keeps the last good one.
 */
function NumberField({
  language,
  option,
  label,
  value,
  help,
  checks,
  onValid,
  reportInvalid,
}: NumberFieldProps) {
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
          aria-describedby={
            [help ? `${id}-help` : "", valid ? "" : `${id}-error`].filter(Boolean).join(" ") || undefined
          }
          value={text}
          onInput={(e) => {
            const typed = e.currentTarget.value;
            setText(typed);
            const parsed = optionValue(option, typed);
            if (parsed !== null && parsed !== value) onValid(parsed);
          }}
        />
      </div>
      {help ? (
        <p id={`${id}-help`} class="kintoneplugin-desc fa-option-help">
          {help}
        </p>
      ) : null}
      <CheckRows checks={checks} />
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
