import type { ActivityFields } from "../schemas/settings-parts.ts";
import type { AssistEvent } from "./event.ts";

/** A kintone record body as POST /k/v1/record.json takes it: field code → `{value}`. */
export type KintoneRecordBody = Record<string, { value: unknown }>;

export interface ActivityRecordInput {
  fields: ActivityFields;
  /** The activity app looks the customer up (settings' `activityApp.customerLink`). */
  lookup: boolean;
  event: AssistEvent;
  /** The kintone customer the export resolved to (SPEC E2/E3). */
  customer: { recordNumber: string | null; name: string; company: string };
  /** The kintone user mapped to the event's FA user (SPEC E4); null when unmapped. */
  ownerCode: string | null;
}

/**
 * kintone's DATETIME takes `YYYY-MM-DDTHH:MM:SSZ`; the instant is rewritten in that form so an offset or
 * fractional seconds in the event cannot make kintone refuse the record.
 */
function kintoneDateTime(instant: string): string {
  return new Date(instant).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** API.md: the summary, a blank line, then the body; no stray blank line when one of them is empty. */
export function activityBody(summary: string, body: string): string {
  return [summary, body].filter((part) => part.trim() !== "").join("\n\n");
}

/**
 * The activity record of API.md for one assist event. Unmapped (null) fields are left out, so kintone applies
 * its own defaults. 作成者 (CREATOR) is not set here: the server decides whether and how it can be set
 * (SPEC E4), which depends on what the token may do, not on the event.
 */
export function activityRecord(input: ActivityRecordInput): KintoneRecordBody {
  const { fields, event, customer } = input;
  const record: KintoneRecordBody = {};
  const put = (code: string | null, value: unknown) => {
    if (code !== null) record[code] = { value };
  };

  if (input.lookup) {
    if (fields.customerLookup !== null) {
      // Writing a lookup with no key would silently drop the customer link: a caller bug, not a record.
      if (customer.recordNumber === null) {
        throw new TypeError("activityRecord: the lookup is on but the customer has no record number");
      }
      put(fields.customerLookup, customer.recordNumber);
    }
    // company/name are not written: the lookup copies them from the customer app, and a value sent for a
    // lookup's copy target would be overwritten anyway.
  } else {
    put(fields.company, customer.company);
    put(fields.name, customer.name);
  }
  put(fields.owner, input.ownerCode === null ? [] : [{ code: input.ownerCode }]);
  put(fields.datetime, kintoneDateTime(event.meeting.startedAt));
  put(fields.title, event.meeting.title);
  put(fields.body, activityBody(event.minutes.summary, event.minutes.body));
  put(fields.link, event.meeting.url);
  put(fields.eventId, event.eventId);
  return record;
}
