import type { Check } from "../../backend.ts";
import { type Language, type MessageKey, t } from "../../i18n.ts";
import { placeOf } from "../apps/items.ts";
import type { SectionProps } from "../section-props.ts";
import { CheckText } from "../ui/CheckRows.tsx";

const GROUPS: ReadonlyArray<{ status: Check["status"]; heading: MessageKey }> = [
  { status: "error", heading: "checksErrors" },
  { status: "warning", heading: "checksWarnings" },
];

/**
 * Every check in one list, errors first (they block saving), each with its fix and a link to the
 * control it concerns: the screen is long, and a check far from its field must still be actionable.
 */
export function ChecksPanel({ language, checks, forms }: SectionProps) {
  const count = (status: Check["status"]) => checks.filter((c) => c.status === status).length;
  const errors = count("error");
  const warnings = count("warning");
  const pending = forms.customer.status === "loading" || forms.activity.status === "loading";
  return (
    <section class="fa-section fa-checks-panel" aria-labelledby="fa-checks-heading">
      <h3 id="fa-checks-heading" class="kintoneplugin-label">
        {t(language, "checksHeading")}
        {errors + warnings > 0 ? ` — ${t(language, "checksCounts", { errors, warnings })}` : null}
      </h3>
      {pending ? <p class="kintoneplugin-desc">{t(language, "checksPending")}</p> : null}
      {errors + warnings === 0 && !pending ? <p class="fa-checks-none">{t(language, "checksNone")}</p> : null}
      {GROUPS.map(({ status, heading }) => {
        const group = checks.filter((c) => c.status === status);
        if (group.length === 0) return null;
        return (
          <div key={status} class={`fa-checks-group fa-checks-${status}`}>
            <h4 class="kintoneplugin-label">{t(language, heading)}</h4>
            <ul>
              {group.map((c) => (
                <li key={c.id} class={`fa-check fa-check-${c.status}`}>
                  <Place check={c} language={language} />
                  <CheckText check={c} />
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}

/** "顧客管理アプリ › 会社名: " (or "オプション › …"), linking to the control, so the administrator can go straight to it. */
function Place({ check, language }: { check: Check; language: Language }) {
  const place = placeOf(check);
  if (!place) return null;
  const app = t(language, place.heading);
  return (
    <>
      <a href={`#${place.control}`} class="fa-check-place" onClick={(e) => focusControl(e, place.control)}>
        {place.label ? `${app} › ${t(language, place.label)}` : app}
      </a>
      {": "}
    </>
  );
}

/** Focus, not a hash change: kintone's own pages keep state in the URL, which this page must not touch. */
function focusControl(event: Event, id: string) {
  const control = document.getElementById(id);
  if (!control) return;
  event.preventDefault();
  control.scrollIntoView?.({ block: "center" });
  control.focus();
}
