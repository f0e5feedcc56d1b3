import { type Settings, updatedTimeFieldCode } from "@front-agent/shared";
import type { FieldProperties } from "../../kintone/gateway.ts";
import { importKeyOf } from "./import-key.ts";

/**
 * What a settings save's checks already read of the customer app, handed to the first import it starts so
 * that the run's first round trip (the form) is not made again (issue 16): the update-time field and the
 * fields to read, from the form the checks read. (The run needs no id bounds: it opens with a page from
 * each end, readOpening.)
 * A run takes it only for the settings it was made for and within PLAN_FRESH_MS (a run deferred to the next
 * day, or one whose settings changed again, reads them itself).
 */
export interface ImportPlan {
  madeAt: string;
  importKey: string;
  updatedField: string;
  fields: string[];
}

export const PLAN_FRESH_MS = 60_000;

export function planImport(
  form: FieldProperties,
  settings: Pick<Settings, "kintone" | "customerApp">,
  at: Date,
): ImportPlan {
  return {
    madeAt: at.toISOString(),
    importKey: importKeyOf(settings),
    ...readingOf(form, settings.customerApp.fields),
  };
}

/** What a run reads by, from the customer app's form: its update-time field and the fields to read. */
export function readingOf(
  form: FieldProperties,
  mapping: Settings["customerApp"]["fields"],
): Pick<ImportPlan, "updatedField" | "fields"> {
  return { updatedField: updatedTimeFieldCode(form), fields: fieldsToRead(form, mapping) };
}

/** The run's plan when it may take it: made for these settings, not long ago, and the run not resumed. */
export function usablePlan(
  resume: { plan?: ImportPlan; stripes?: unknown },
  settings: Pick<Settings, "kintone" | "customerApp">,
  now: Date,
): ImportPlan | null {
  const { plan } = resume;
  if (!plan || resume.stripes) return null;
  const age = now.getTime() - Date.parse(plan.madeAt);
  return age >= 0 && age <= PLAN_FRESH_MS && plan.importKey === importKeyOf(settings) ? plan : null;
}

/**
 * Only what the import uses: the mapped fields, the record number and `$id`/`$revision`. A mapped field
 * inside a table is read through its table (kintone cannot list a table's inner fields on their own).
 * Leaving out the rest — creator, times, unmapped fields — shrinks every page kintone sends.
 */
export function fieldsToRead(form: FieldProperties, mapping: Settings["customerApp"]["fields"]): string[] {
  const codes = new Set<string>(["$id", "$revision"]);
  const recordNumber = Object.values(form).find((f) => f.type === "RECORD_NUMBER")?.code;
  if (recordNumber) codes.add(recordNumber);
  for (const code of Object.values(mapping)) {
    if (!code) continue;
    if (form[code]) codes.add(code);
    else {
      // A code the form lacks is not asked for: whether kintone ignores it in `fields` or refuses the
      // request is not established, and SPEC I6 wants an empty value, never an error.
      const table = Object.values(form).find((f) => f.type === "SUBTABLE" && f.fields?.[code]);
      if (table) codes.add(table.code);
    }
  }
  return [...codes];
}
