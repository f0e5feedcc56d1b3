import type { Check } from "../../backend.ts";
import { type Language, t } from "../../i18n.ts";
import { CheckRows } from "../ui/CheckRows.tsx";
import type { AppList } from "./app-list.ts";
import { controlId } from "./items.ts";

/** SPEC S1: the customer app is the app the plug-in was added to; it is shown, not chosen. */
export function CustomerAppLine(props: {
  language: Language;
  appId: string;
  apps: AppList;
  checks: readonly Check[];
}) {
  const id = controlId("customerApp", "app");
  const name = props.apps.status === "ready" && props.apps.apps.find((a) => a.appId === props.appId)?.name;
  return (
    <div class="kintoneplugin-row">
      <p id={id} class="fa-app-name">
        {name
          ? t(props.language, "customerAppThis", { name, appId: props.appId })
          : t(props.language, "customerAppId", { appId: props.appId })}
      </p>
      <CheckRows checks={props.checks} />
    </div>
  );
}

/**
 * SPEC S1: the activity app, chosen from the domain's apps (the customer app left out). Should the list
 * not load, the app's number can still be typed, as it appears in the app's address (…/k/15/).
 */
export function ActivityAppPicker(props: {
  language: Language;
  appId: string;
  customerAppId: string;
  apps: AppList;
  checks: readonly Check[];
  onChange(appId: string): void;
}) {
  const { language, appId, apps, checks } = props;
  const id = controlId("activityApp", "app");
  const choices = apps.status === "ready" ? apps.apps.filter((a) => a.appId !== props.customerAppId) : [];
  const listed = choices.some((a) => a.appId === appId);
  const described = checks.length > 0 ? `${id}-checks` : undefined;
  const invalid = checks.some((c) => c.status === "error");
  return (
    <div class="kintoneplugin-row">
      <label for={id} class="kintoneplugin-label">
        {t(language, "activityApp")}
      </label>
      <span class="kintoneplugin-require" title={t(language, "required")}>
        *
      </span>
      {apps.status === "error" ? (
        <div class="kintoneplugin-input-outer">
          <input
            id={id}
            class="kintoneplugin-input-text"
            inputMode="numeric"
            value={appId}
            aria-required
            aria-invalid={invalid}
            aria-describedby={`${id}-failed${described ? ` ${described}` : ""}`}
            onInput={(e) => props.onChange(e.currentTarget.value.trim())}
          />
        </div>
      ) : (
        <div class="kintoneplugin-select-outer">
          <div class="kintoneplugin-select">
            <select
              id={id}
              value={appId}
              aria-required
              aria-invalid={invalid}
              aria-describedby={described}
              onChange={(e) => props.onChange(e.currentTarget.value)}
            >
              <option value="">{t(language, "appChoose")}</option>
              {appId !== "" && !listed ? (
                <option value={appId}>{t(language, "appNotListed", { appId })}</option>
              ) : null}
              {choices.map((a) => (
                <option key={a.appId} value={a.appId}>
                  {`${a.name} (${a.appId})`}
                </option>
              ))}
            </select>
          </div>
        </div>
      )}
      {apps.status === "loading" ? <p class="kintoneplugin-desc">{t(language, "appsLoading")}</p> : null}
      {apps.status === "error" ? (
        <p id={`${id}-failed`} class="fa-check fa-check-error">
          {t(language, "appsFailed", { reason: apps.error })}
        </p>
      ) : null}
      <CheckRows id={`${id}-checks`} checks={checks} />
    </div>
  );
}
