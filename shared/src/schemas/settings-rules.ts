import type { z } from "zod";
import { issueFor } from "./issue.ts";
import type { ActivityFields, CustomerFields } from "./settings-parts.ts";

/** What the rules look at: the same for the PUT body and for the stored (masked) settings. */
interface MappingView {
  customerApp: { appId: string; fields: CustomerFields };
  activityApp: { appId: string; customerLink: boolean; fields: ActivityFields };
  userMappings: ReadonlyArray<{ frontAgentUserId: string }>;
}

type Path = (string | number)[];

/** API.md "Settings": the cross-field rules, each issue on the path the config screen shows it at. */
export function refineSettings(settings: MappingView, ctx: z.RefinementCtx): void {
  const customer = settings.customerApp.fields;
  const activity = settings.activityApp.fields;
  const required = (path: Path) =>
    ctx.addIssue({ code: "custom", path, ...issueFor("SETTINGS_FIELD_REQUIRED", {}) });

  if (customer.name === null) {
    // 氏名 may come from 姓 + 名 instead; then both halves are needed.
    const halves = (["lastName", "firstName"] as const).filter((key) => customer[key] === null);
    const paths = halves.length === 2 ? ["name"] : halves;
    for (const key of paths) {
      ctx.addIssue({
        code: "custom",
        path: ["customerApp", "fields", key],
        ...issueFor("SETTINGS_NAME_REQUIRED", {}),
      });
    }
  }
  if (customer.company === null) required(["customerApp", "fields", "company"]);
  if (customer.recordNumber === null) required(["customerApp", "fields", "recordNumber"]);

  if (settings.activityApp.customerLink) {
    if (activity.customerLookup === null) required(["activityApp", "fields", "customerLookup"]);
  } else {
    if (activity.company === null) required(["activityApp", "fields", "company"]);
    if (activity.name === null) required(["activityApp", "fields", "name"]);
  }

  reportMappedTwice(customer, ["customerApp", "fields"], ctx);
  reportMappedTwice(activity, ["activityApp", "fields"], ctx);

  if (settings.customerApp.appId === settings.activityApp.appId) {
    ctx.addIssue({
      code: "custom",
      path: ["activityApp", "appId"],
      ...issueFor("SETTINGS_SAME_APP", { appId: settings.activityApp.appId }),
    });
  }

  const seen = new Set<string>();
  settings.userMappings.forEach(({ frontAgentUserId }, index) => {
    if (seen.has(frontAgentUserId)) {
      ctx.addIssue({
        code: "custom",
        path: ["userMappings", index, "frontAgentUserId"],
        ...issueFor("SETTINGS_USER_MAPPED_TWICE", { userId: frontAgentUserId }),
      });
    }
    seen.add(frontAgentUserId);
  });
}

/** One kintone field feeding two items is always a slip of the dropdown: every row involved is marked. */
function reportMappedTwice(fields: Record<string, string | null>, base: Path, ctx: z.RefinementCtx): void {
  const keysByCode = new Map<string, string[]>();
  for (const [key, code] of Object.entries(fields)) {
    if (code !== null) keysByCode.set(code, [...(keysByCode.get(code) ?? []), key]);
  }
  for (const [code, keys] of keysByCode) {
    if (keys.length < 2) continue;
    for (const key of keys) {
      ctx.addIssue({
        code: "custom",
        path: [...base, key],
        ...issueFor("SETTINGS_FIELD_MAPPED_TWICE", { code }),
      });
    }
  }
}
