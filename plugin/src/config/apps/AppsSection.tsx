import type { AppKey } from "@front-agent/shared";
import type { Form } from "@front-agent/shared/settings-checks";
import type { Check } from "../../backend.ts";
import { t } from "../../i18n.ts";
import type { SectionProps } from "../section-props.ts";
import { CheckRows, problemsAt } from "../ui/CheckRows.tsx";
import { ActivityAppPicker, CustomerAppLine } from "./AppPicker.tsx";
import { useAppList } from "./app-list.ts";
import { FieldPicker } from "./FieldPicker.tsx";
import { controlId, fieldPath, mapped, visibleItems } from "./items.ts";

/** SPEC S1, S3–S7: the two apps, their API tokens, the customer link and the field of each item. */
export function AppsSection(props: SectionProps) {
  const { env, language, draft, update, checks, forms } = props;
  const apps = useAppList(env);
  const customerAppId = draft.customerApp.appId;
  const setLink = (on: boolean) =>
    update((d) => {
      const fields = d.activityApp.fields;
      d.activityApp.customerLink = on;
      // Only the items of the chosen way are kept, so no hidden choice is saved or checked.
      if (on) {
        fields.company = null;
        fields.name = null;
        fields.customerLookup ??= customerLookupIn(forms.activity.form, customerAppId);
      } else {
        fields.customerLookup = null;
      }
    });
  return (
    <section class="fa-section" aria-labelledby="fa-apps">
      <h3 id="fa-apps" class="kintoneplugin-label">
        {t(language, "appsHeading")}
      </h3>
      <p class="kintoneplugin-desc">{t(language, "appsHelp")}</p>
      <fieldset class="fa-app">
        <legend class="kintoneplugin-label">{t(language, "customerAppHeading")}</legend>
        <CustomerAppLine
          language={language}
          appId={customerAppId}
          apps={apps}
          checks={problemsAt(checks, "customerApp.appId")}
        />
        <TokenInput app="customerApp" {...props} />
        <Pickers app="customerApp" {...props} />
      </fieldset>
      <fieldset class="fa-app">
        <legend class="kintoneplugin-label">{t(language, "activityAppHeading")}</legend>
        <ActivityAppPicker
          language={language}
          appId={draft.activityApp.appId}
          customerAppId={customerAppId}
          apps={apps}
          checks={problemsAt(checks, "activityApp.appId")}
          onChange={(appId) =>
            update((d) => {
              // The stored token belongs to the app saved before: another app needs its own.
              if (d.activityApp.appId !== appId) d.activityApp.tokenSet = false;
              d.activityApp.appId = appId;
            })
          }
        />
        <TokenInput app="activityApp" {...props} />
        <fieldset class="kintoneplugin-row fa-link">
          <legend class="kintoneplugin-label">{t(language, "customerLink")}</legend>
          <p class="kintoneplugin-desc">{t(language, "customerLinkHelp")}</p>
          <div class="kintoneplugin-input-radio">
            {[true, false].map((on) => (
              <span key={String(on)} class="kintoneplugin-input-radio-item">
                <input
                  type="radio"
                  id={`fa-customer-link-${on ? "on" : "off"}`}
                  name="fa-customer-link"
                  checked={draft.activityApp.customerLink === on}
                  onChange={() => setLink(on)}
                />
                <label for={`fa-customer-link-${on ? "on" : "off"}`}>
                  {t(language, on ? "customerLinkOn" : "customerLinkOff")}
                </label>
              </span>
            ))}
          </div>
        </fieldset>
        <Pickers app="activityApp" {...props} />
      </fieldset>
    </section>
  );
}

/** A lookup in the activity app that reads the customer app: offered again when the link is turned on. */
function customerLookupIn(form: Form | null, customerAppId: string): string | null {
  const lookups = Object.values(form ?? {}).filter((f) => f.lookup);
  return (
    (lookups.find((f) => String(f.lookup?.relatedApp.app) === customerAppId) ?? lookups[0])?.code ?? null
  );
}

/** SPEC S3: one token per app; an empty input keeps the stored one, shown as 設定済み. */
function TokenInput({ app, language, draft, update, checks }: SectionProps & { app: AppKey }) {
  const id = controlId(app, "token");
  const problems = problemsAt(checks, `${app}.apiToken`);
  return (
    <div class="kintoneplugin-row">
      <label for={id} class="kintoneplugin-label">
        {t(language, "apiToken")}
      </label>
      <p id={`${id}-help`} class="kintoneplugin-desc">
        {t(language, "apiTokenHelp")}
      </p>
      <div class="kintoneplugin-input-outer">
        <input
          id={id}
          class="kintoneplugin-input-text"
          type="password"
          // "new-password": browsers then never fill in the kintone login password they remember.
          autocomplete="new-password"
          placeholder={draft[app].tokenSet ? t(language, "secretSet") : ""}
          value={draft[app].apiToken}
          aria-invalid={problems.some((c) => c.status === "error")}
          aria-describedby={`${id}-help${problems.length > 0 ? ` ${id}-checks` : ""}`}
          onInput={(e) =>
            update((d) => {
              d[app].apiToken = e.currentTarget.value;
            })
          }
        />
      </div>
      <CheckRows id={`${id}-checks`} checks={problems} />
    </div>
  );
}

/** The items of one app, each with its checks; then the app's checks that name no item (required fields). */
function Pickers({ app, language, draft, update, checks, forms }: SectionProps & { app: AppKey }) {
  const state = app === "customerApp" ? forms.customer : forms.activity;
  const appLevel: Check[] = checks.filter(
    (c) => c.status !== "ok" && c.field === undefined && c.id.startsWith(`${app}.`),
  );
  return (
    <div class="fa-fields">
      {state.status === "loading" ? <p class="kintoneplugin-desc">{t(language, "formLoading")}</p> : null}
      {visibleItems(app, draft).map((item) => (
        <FieldPicker
          key={item.key}
          item={item}
          language={language}
          value={mapped(draft, item)}
          state={state}
          checks={problemsAt(checks, fieldPath(item))}
          savedLabel={draft.fieldLabels[fieldPath(item)]}
          onChange={(code) =>
            update((d) => {
              (d[app].fields as Record<string, string | null>)[item.key] = code;
            })
          }
        />
      ))}
      <CheckRows checks={appLevel} />
    </div>
  );
}
