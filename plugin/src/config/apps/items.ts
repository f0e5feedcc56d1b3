import type { AppKey } from "@front-agent/shared";
import { ACTIVITY_FIELD_TYPES, CUSTOMER_FIELD_TYPES } from "@front-agent/shared/settings-checks";
import type { MessageKey } from "../../i18n.ts";
import type { ActivityFieldKey, CustomerFieldKey, Draft } from "../draft.ts";

/** One mapped item of an app: the field the integration reads or writes for it (SPEC S4, S6). */
export interface Item {
  app: AppKey;
  key: string;
  label: MessageKey;
  /** The field types it accepts; "SUBTABLE" also lets the fields inside a table be picked (SPEC I5). */
  types: readonly string[];
  help?: MessageKey;
  /** Only a lookup will do (the activity app's link to the customer record). */
  lookupOnly?: boolean;
}

const customer = (key: CustomerFieldKey, label: MessageKey, help?: MessageKey): Item => ({
  app: "customerApp",
  key,
  label,
  types: CUSTOMER_FIELD_TYPES[key],
  ...(help ? { help } : {}),
});

const activity = (key: ActivityFieldKey, label: MessageKey, help?: MessageKey): Item => ({
  app: "activityApp",
  key,
  label,
  types: ACTIVITY_FIELD_TYPES[key],
  ...(help ? { help } : {}),
  ...(key === "customerLookup" ? { lookupOnly: true } : {}),
});

export const CUSTOMER_ITEMS: readonly Item[] = [
  customer("name", "itemName", "nameHelp"),
  customer("lastName", "itemLastName"),
  customer("firstName", "itemFirstName"),
  customer("company", "itemCompany"),
  customer("department", "itemDepartment"),
  customer("email", "itemEmail"),
  customer("phone", "itemPhone"),
  customer("address", "itemAddress"),
  customer("recordNumber", "itemRecordNumber"),
];

export const ACTIVITY_ITEMS: readonly Item[] = [
  activity("customerLookup", "itemCustomerLookup", "lookupHelp"),
  activity("company", "itemCompany"),
  activity("name", "itemName"),
  activity("owner", "itemOwner"),
  activity("datetime", "itemDatetime"),
  activity("title", "itemTitle"),
  activity("body", "itemBody"),
  activity("link", "itemLink"),
  activity("eventId", "itemEventId"),
];

/** The items that matter with the current lookup choice: the lookup when on, company and name when off. */
export function visibleItems(app: AppKey, draft: Draft): readonly Item[] {
  if (app === "customerApp") return CUSTOMER_ITEMS;
  const lookupOn = draft.activityApp.customerLink;
  return ACTIVITY_ITEMS.filter((item) =>
    item.key === "customerLookup"
      ? lookupOn
      : item.key === "company" || item.key === "name"
        ? !lookupOn
        : true,
  );
}

/**
 * API.md "Settings": 会社名 and the record number always; 氏名 unless 姓 and 名 stand in for it (so it
 * is offered as optional); the lookup when it is on, company and name when it is off.
 */
export function isRequired(item: Item): boolean {
  if (item.app === "customerApp") return item.key === "company" || item.key === "recordNumber";
  return item.key === "customerLookup" || item.key === "company" || item.key === "name";
}

export function mapped(draft: Draft, item: Item): string | null {
  const fields: Record<string, string | null> = draft[item.app].fields;
  return fields[item.key] ?? null;
}

/** The settings path a check names (`Check.field`), e.g. `customerApp.fields.company`. */
export const fieldPath = (item: Item) => `${item.app}.fields.${item.key}`;

/** The id of the control a part of an app is edited with: an item's key, "token" or "app". */
export const controlId = (app: AppKey, part: string) => `fa-${app}-${part}`;

/** The options' labels by settings path, for a check on one of them (e.g. the operator's ceiling on the cap). */
const OPTION_LABELS: Partial<Record<string, MessageKey>> = {
  initialWindowDays: "optionsWindowDays",
  initialMaxRecords: "optionsMaxRecords",
  syncIntervalHours: "optionsIntervalHours",
  fullSyncIntervalDays: "optionsFullSyncDays",
};

/** Where a check belongs on the screen: the part's heading, the control's id and the item's label, if any. */
export function placeOf(check: {
  id: string;
  field?: string;
}): { heading: MessageKey; control: string; label: MessageKey | null } | null {
  const path = check.field ?? check.id;
  const [app, part, key] = path.split(".");
  if (app === "options" && part) {
    const label = OPTION_LABELS[part];
    return label ? { heading: "optionsHeading", control: `fa-option-${part}`, label } : null;
  }
  if (app !== "customerApp" && app !== "activityApp") return null;
  const heading = app === "customerApp" ? "customerAppHeading" : "activityAppHeading";
  if (part === "fields" && key) {
    const item = (app === "customerApp" ? CUSTOMER_ITEMS : ACTIVITY_ITEMS).find((i) => i.key === key);
    if (item) return { heading, control: controlId(app, key), label: item.label };
  }
  if (part === "apiToken") return { heading, control: controlId(app, "token"), label: "apiToken" };
  return { heading, control: controlId(app, "app"), label: null };
}
