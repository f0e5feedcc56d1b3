import type { Form, FormField } from "@front-agent/shared/settings-checks";
import type { Check } from "../../backend.ts";
import { type Language, t } from "../../i18n.ts";
import type { FormState } from "../section-props.ts";
import { CheckRows } from "../ui/CheckRows.tsx";
import { controlId, type Item, isRequired } from "./items.ts";

export interface FieldChoices {
  /** Top-level fields (and, for table-capable items, whole tables). */
  fields: FormField[];
  /** The fields inside each table, for items that may read a table's first row (SPEC I5). */
  tables: Array<{ table: FormField; fields: FormField[] }>;
}

/** The form's fields an item can use: compatible types only; the lookup item wants a lookup. */
export function fieldChoices(form: Form, item: Item): FieldChoices {
  const fits = (field: FormField) =>
    item.types.includes(field.type) && (!item.lookupOnly || field.lookup !== undefined);
  const all = Object.values(form);
  const inTables = item.types.includes("SUBTABLE");
  return {
    fields: all.filter(fits),
    tables: inTables
      ? all
          .filter((field) => field.type === "SUBTABLE")
          .map((table) => ({
            table,
            fields: Object.values(table.fields ?? {}).filter((f) => f.type !== "SUBTABLE" && fits(f)),
          }))
          .filter((group) => group.fields.length > 0)
      : [],
  };
}

/** "label (code)", as the administrator knows a field from the form editor. */
export const fieldText = (field: FormField) => (field.label ? `${field.label} (${field.code})` : field.code);

function findAnywhere(form: Form, code: string): FormField | undefined {
  if (Object.hasOwn(form, code)) return form[code];
  for (const field of Object.values(form))
    if (field.fields && Object.hasOwn(field.fields, code)) return field.fields[code];
  return undefined;
}

export interface FieldPickerProps {
  item: Item;
  language: Language;
  value: string | null;
  state: FormState;
  /** The problems at this item's settings path. */
  checks: readonly Check[];
  /** The label the saved field had when the settings were saved, if known. */
  savedLabel?: string | undefined;
  onChange(code: string | null): void;
}

/** One mapped item: a select filled from the app's preview form, with its checks right under it. */
export function FieldPicker({
  item,
  language,
  value,
  state,
  checks,
  savedLabel,
  onChange,
}: FieldPickerProps) {
  const id = controlId(item.app, item.key);
  const required = isRequired(item);
  const form = state.status === "ready" ? state.form : null;
  const choices = form ? fieldChoices(form, item) : { fields: [], tables: [] };
  const offered = new Set([...choices.fields, ...choices.tables.flatMap((g) => g.fields)].map((f) => f.code));
  // A saved field the form no longer offers stays visible, marked, so the administrator sees what changed.
  let kept: string | null = null;
  if (value !== null && !offered.has(value)) {
    const field = form ? findAnywhere(form, value) : undefined;
    kept = form ? t(language, "fieldGone", { field: field ? fieldText(field) : value }) : value;
  }
  // Its code changed in kintone but not its label (or the template's code was its label): offer that field.
  const wanted = savedLabel ?? value;
  const replacement =
    kept !== null && wanted
      ? [...choices.fields, ...choices.tables.flatMap((g) => g.fields)].find((f) => f.label === wanted)
      : undefined;
  const describedBy = [item.help ? `${id}-help` : "", checks.length > 0 ? `${id}-checks` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div class="kintoneplugin-row fa-field">
      <label for={id} class="kintoneplugin-label">
        {t(language, item.label)}
      </label>
      {required ? (
        <span class="kintoneplugin-require" title={t(language, "required")}>
          *
        </span>
      ) : null}
      {item.help ? (
        <p id={`${id}-help`} class="kintoneplugin-desc">
          {t(language, item.help)}
        </p>
      ) : null}
      <div class="kintoneplugin-select-outer">
        <div class="kintoneplugin-select">
          <select
            id={id}
            value={value ?? ""}
            disabled={!form}
            aria-required={required}
            aria-invalid={checks.some((c) => c.status === "error")}
            aria-describedby={describedBy || undefined}
            onChange={(e) => onChange(e.currentTarget.value === "" ? null : e.currentTarget.value)}
          >
            {!required || value === null ? (
              <option value="">{t(language, required ? "fieldChoose" : "fieldUnset")}</option>
            ) : null}
            {kept !== null && value !== null ? <option value={value}>{kept}</option> : null}
            {choices.fields.map((field) => (
              <option key={field.code} value={field.code}>
                {fieldText(field)}
              </option>
            ))}
            {choices.tables.map(({ table, fields }) => (
              <optgroup key={table.code} label={t(language, "tableGroup", { label: fieldText(table) })}>
                {fields.map((field) => (
                  <option key={field.code} value={field.code}>
                    {fieldText(field)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
      </div>
      <CheckRows id={`${id}-checks`} checks={checks} />
      {replacement ? (
        <button
          type="button"
          class="kintoneplugin-button-normal fa-replace"
          onClick={() => onChange(replacement.code)}
        >
          {t(language, "fieldReplace", { field: fieldText(replacement) })}
        </button>
      ) : null}
    </div>
  );
}
