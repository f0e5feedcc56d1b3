export {
  type CheckedSettings,
  checkSettings,
  DAILY_BUDGET_SHARE,
  tokenRequiredFinding,
} from "./check-settings.ts";
export type { AppFacts, AppReach, Form, FormField, ProbeResult, SettingsFacts } from "./facts.ts";
export { ACTIVITY_FIELD_TYPES, CUSTOMER_FIELD_TYPES } from "./field-rules.ts";
export { type Finding, renderFinding } from "./finding.ts";
